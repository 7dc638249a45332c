package io.mixrec.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Keeps an answer in memory while its request holds a turn, so that producing it never
 * waits for the network; the turn is given back before a byte goes out
 * ({@link ResponseSender}). Flushes are ignored until then, since each would send. An
 * answer larger than the buffer (none of the API's; Swagger UI's scripts, say) is written
 * through from then on. Errors sent with {@code sendError} go to the container's error
 * page as usual.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

	private final int capacity;

	private byte[] buffer = new byte[1024];

	private int size;

	/** Written through: the buffer overflowed, or the container renders an error. */
	private boolean direct;

	private @Nullable ServletOutputStream stream;

	private @Nullable PrintWriter writer;

	BufferedResponse(HttpServletResponse response, int capacity) {
		super(response);
		this.capacity = capacity;
	}

	/**
	 * @return whether the answer is in the buffer, to be sent by the caller
	 */
	boolean isBuffered() {
		return !this.direct;
	}

	/**
	 * @return the buffered body (only the first {@link #size()} bytes count)
	 */
	byte[] body() {
		if (this.writer != null) {
			this.writer.flush();
		}
		return this.buffer;
	}

	/**
	 * @return the number of buffered bytes
	 */
	int size() {
		if (this.writer != null) {
			this.writer.flush();
		}
		return this.size;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.writer != null) {
			throw new IllegalStateException("getWriter() has already been called");
		}
		if (this.stream == null) {
			this.stream = new BufferStream();
		}
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (this.writer == null) {
			if (this.stream != null) {
				throw new IllegalStateException("getOutputStream() has already been called");
			}
			this.stream = new BufferStream();
			this.writer = new PrintWriter(new OutputStreamWriter(this.stream, Charset.forName(getCharacterEncoding())));
		}
		return this.writer;
	}

	@Override
	public void flushBuffer() throws IOException {
		if (this.writer != null) {
			this.writer.flush();
		}
		if (this.direct) {
			super.flushBuffer();
		}
	}

	@Override
	public void resetBuffer() {
		this.size = 0;
		super.resetBuffer();
	}

	@Override
	public void reset() {
		this.size = 0;
		super.reset();
	}

	@Override
	public void sendError(int sc) throws IOException {
		this.size = 0;
		this.direct = true;
		super.sendError(sc);
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		this.size = 0;
		this.direct = true;
		super.sendError(sc, msg);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		this.size = 0;
		this.direct = true;
		super.sendRedirect(location);
	}

	private void append(byte[] bytes, int offset, int length) throws IOException {
		if (this.direct) {
			getResponse().getOutputStream().write(bytes, offset, length);
			return;
		}
		if (this.size + length > this.capacity) {
			// Too large to hold: send what there is and write the rest through.
			this.direct = true;
			ServletOutputStream out = getResponse().getOutputStream();
			out.write(this.buffer, 0, this.size);
			this.size = 0;
			out.write(bytes, offset, length);
			return;
		}
		if (this.size + length > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer,
					(int) Math.min(this.capacity, Math.max(this.size + length, 2L * this.buffer.length)));
		}
		System.arraycopy(bytes, offset, this.buffer, this.size, length);
		this.size += length;
	}

	private final class BufferStream extends ServletOutputStream {

		@Override
		public void write(int b) throws IOException {
			append(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			append(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			if (BufferedResponse.this.direct) {
				getResponse().flushBuffer();
			}
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			throw new UnsupportedOperationException("Synchronous writes only");
		}

	}

}
