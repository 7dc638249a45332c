package io.mixrec.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * Reads a request body completely before the request takes a turn: to memory up to
 * {@code memory-body-bytes}, beyond that to a spool file, never more than the body limit
 * for its content type, never slower than the minimum rate after the grace period. So a
 * client that trickles its body holds a thread for a bounded time, and never a turn, a
 * database connection or a transaction; and the CSV import reads a local file at disk
 * speed. All spool files together stay under {@code max-spool-bytes}.
 *
 * <p>
 * Each spool has a directory of its own under {@code spool-directory}, named after its
 * process: several services (or several application contexts in one JVM) may share the
 * configured directory, and one must never delete the files another is still reading. On
 * start, a spool removes the directories of processes that no longer run (the files a
 * crash left behind); on close, its own.
 */
final class BodySpool implements AutoCloseable {

	private static final Log log = LogFactory.getLog(BodySpool.class);

	private static final String PREFIX = "body-";

	private static final String PROCESS_PREFIX = "process-";

	private final TransferProperties properties;

	private final Path directory;

	private final AtomicLong spooled = new AtomicLong();

	BodySpool(TransferProperties properties) {
		this.properties = properties;
		this.directory = ownDirectory(properties.spoolDirectory());
	}

	/** Deletes this spool's directory; bodies still open lose their files. */
	@Override
	public void close() {
		deleteDirectory(this.directory);
	}

	/**
	 * Whether a request carries a body to read.
	 * @param request the request
	 * @return true for a declared length above 0 or a chunked body
	 */
	static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
	}

	/**
	 * Read the body.
	 * @param request the request
	 * @return the body, to be {@link Body#close closed} once the request is done
	 * @throws BodyRejectedException past the limit, when it arrives too slowly, or when
	 * the spool is full
	 * @throws IOException if the client went away
	 */
	Body read(HttpServletRequest request) throws IOException {
		long limit = limit(request);
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			throw BodyRejectedException.tooLarge(limit);
		}
		long started = System.nanoTime();
		InputStream in = request.getInputStream();
		long memory = this.properties.memoryBodyBytes().toBytes();
		MemoryBody inMemory = new MemoryBody((int) Math.min(Math.max(declared, 0), memory));
		Path file = null;
		OutputStream out = inMemory;
		long reserved = 0;
		long total = 0;
		byte[] chunk = new byte[64 * 1024];
		try {
			while (true) {
				int read;
				try {
					read = in.read(chunk);
				}
				catch (IOException ex) {
					// Tomcat wraps the timeout of a read
					// (server.tomcat.connection-timeout).
					if (isTimeout(ex)) {
						throw BodyRejectedException.tooSlow(total, this.properties);
					}
					throw ex;
				}
				if (read < 0) {
					break;
				}
				total += read;
				if (total > limit) {
					throw BodyRejectedException.tooLarge(limit);
				}
				if (System.nanoTime() - started > this.properties.allowedNanos(total)) {
					throw BodyRejectedException.tooSlow(total, this.properties);
				}
				if (file == null && total > memory) {
					file = Files.createTempFile(this.directory, PREFIX, ".tmp");
					out = Files.newOutputStream(file);
					inMemory.writeTo(out);
				}
				if (file != null) {
					long needed = total - reserved;
					reserve(needed);
					reserved += needed;
				}
				out.write(chunk, 0, read);
			}
			out.close();
			if (file == null) {
				return new Body(inMemory.bytes(), inMemory.size(), null, 0);
			}
			Body body = new Body(null, 0, file, reserved);
			file = null;
			reserved = 0;
			return body;
		}
		finally {
			if (file != null) {
				out.close();
				delete(file);
			}
			if (reserved > 0) {
				this.spooled.addAndGet(-reserved);
			}
		}
	}

	private static boolean isTimeout(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private long limit(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType != null) {
			try {
				if (MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.parseMediaType("text/csv"))) {
					return this.properties.maxCsvBodyBytes().toBytes();
				}
			}
			catch (IllegalArgumentException ex) {
				// Spring MVC answers the unparseable content type with 415.
			}
		}
		return this.properties.maxBodyBytes().toBytes();
	}

	private void reserve(long bytes) {
		long max = this.properties.maxSpoolBytes().toBytes();
		if (this.spooled.addAndGet(bytes) > max) {
			this.spooled.addAndGet(-bytes);
			throw BodyRejectedException.spoolFull();
		}
	}

	private void release(long bytes) {
		this.spooled.addAndGet(-bytes);
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the spool file " + file + ": " + ex.getMessage());
		}
	}

	/**
	 * Creates {@code process-<pid>-<random>} under the shared directory, after deleting
	 * the directories of processes that are gone.
	 */
	private static Path ownDirectory(Path shared) {
		try {
			Files.createDirectories(shared);
			try (DirectoryStream<Path> directories = Files.newDirectoryStream(shared, PROCESS_PREFIX + "*")) {
				for (Path directory : directories) {
					if (!processRuns(directory.getFileName().toString())) {
						deleteDirectory(directory);
					}
				}
			}
			return Files.createTempDirectory(shared, PROCESS_PREFIX + ProcessHandle.current().pid() + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the spool directory " + shared, ex);
		}
	}

	/**
	 * @param name a directory name {@code process-<pid>-<random>}
	 * @return whether that process still runs (true when the name cannot be read, so that
	 * nothing unknown is deleted)
	 */
	static boolean processRuns(String name) {
		String rest = name.substring(PROCESS_PREFIX.length());
		int dash = rest.indexOf('-');
		try {
			long pid = Long.parseLong((dash < 0) ? rest : rest.substring(0, dash));
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	private static void deleteDirectory(Path directory) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*.tmp")) {
			files.forEach(BodySpool::delete);
		}
		catch (IOException ex) {
			log.warn("Could not empty the spool directory " + directory + ": " + ex.getMessage());
		}
		delete(directory);
	}

	/**
	 * A body kept in memory, handed on without the copy that {@code toByteArray} makes.
	 */
	private static final class MemoryBody extends ByteArrayOutputStream {

		MemoryBody(int size) {
			super(size);
		}

		byte[] bytes() {
			return this.buf;
		}

	}

	/** A body that was read completely: in memory, or in a spool file. */
	final class Body implements AutoCloseable {

		private final byte @Nullable [] bytes;

		private final int size;

		private final @Nullable Path file;

		private final long reserved;

		private Body(byte @Nullable [] bytes, int size, @Nullable Path file, long reserved) {
			this.bytes = bytes;
			this.size = size;
			this.file = file;
			this.reserved = reserved;
		}

		/**
		 * @return a new stream of the body
		 * @throws IOException if the spool file cannot be read
		 */
		InputStream open() throws IOException {
			return (this.file != null) ? Files.newInputStream(this.file)
					: new ByteArrayInputStream((this.bytes != null) ? this.bytes : new byte[0], 0, this.size);
		}

		/**
		 * @return its size in bytes
		 */
		long length() {
			try {
				return (this.file != null) ? Files.size(this.file) : this.size;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() {
			if (this.file != null) {
				delete(this.file);
				release(this.reserved);
			}
		}

	}

}
