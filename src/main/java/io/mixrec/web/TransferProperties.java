package io.mixrec.web;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How request bodies and answers cross the network ({@code mixrec.web.transfer.*}): a
 * body is read completely, to memory or to a spool file, before its request takes a turn
 * ({@link BodySpool}), and an answer is kept in memory until its turn is given back and
 * then sent without a thread waiting on the client ({@link BufferedResponse}). So a slow
 * network never holds a turn, and neither does a client that does not read.
 *
 * @param maxBodyBytes the largest request body of any kind but CSV (JSON on every
 * endpoint); larger ones are answered 413 before they are parsed, and unread when their
 * length is declared. A full batch of 10,000 ratings with 128-character ids and ISO
 * timestamps is about 3.3 MB
 * @param maxCsvBodyBytes the largest {@code text/csv} body (the ratings import)
 * @param memoryBodyBytes bodies up to this size are kept in memory; larger ones are
 * spooled to a file
 * @param spoolDirectory where spool files go (default: {@code mixrec-spool-<user name>}
 * in {@code java.io.tmpdir}, per user since another user's is not writable). Each process
 * spools into a directory of its own below it; those of processes that no longer run are
 * deleted at startup
 * @param maxSpoolBytes the most bytes all spool files together may hold; a body that does
 * not fit is answered 503 with {@code Retry-After}
 * @param minRate the slowest a body may arrive, and an answer be read, in bytes per
 * second, once the grace period is over: a transfer of {@code n} bytes may take
 * {@code grace + n / minRate}, however the client paces it. Slower ones are cut off (408
 * for a body; the connection is closed for an answer)
 * @param grace the time any transfer may take regardless of its size
 * @param maxResponseBufferBytes answers up to this size are sent after the turn is given
 * back; a larger one (none of the API's) is written while it is produced
 */
@ConfigurationProperties("mixrec.web.transfer")
@Validated
public record TransferProperties(@DefaultValue("4MB") @NotNull DataSize maxBodyBytes,
		@DefaultValue("2GB") @NotNull DataSize maxCsvBodyBytes,
		@DefaultValue("256KB") @NotNull DataSize memoryBodyBytes, Path spoolDirectory,
		@DefaultValue("4GB") @NotNull DataSize maxSpoolBytes, @DefaultValue("16KB") @NotNull DataSize minRate,
		@DefaultValue("10s") @NotNull Duration grace, @DefaultValue("1MB") @NotNull DataSize maxResponseBufferBytes) {

	/**
	 * Fills in the spool directory and checks what annotations cannot express.
	 */
	public TransferProperties {
		if (spoolDirectory == null) {
			String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
			spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"), "mixrec-spool-" + user);
		}
		require(maxBodyBytes.toBytes() > 0, "mixrec.web.transfer.max-body-bytes must be positive");
		require(maxCsvBodyBytes.toBytes() > 0, "mixrec.web.transfer.max-csv-body-bytes must be positive");
		require(memoryBodyBytes.toBytes() >= 0 && memoryBodyBytes.toBytes() <= 64 * 1024 * 1024,
				"mixrec.web.transfer.memory-body-bytes must be between 0 and 64MB, not " + memoryBodyBytes);
		require(minRate.toBytes() > 0, "mixrec.web.transfer.min-rate must be positive");
		require(!grace.isNegative() && !grace.isZero(), "mixrec.web.transfer.grace must be positive");
		require(maxResponseBufferBytes.toBytes() >= 8192 && maxResponseBufferBytes.toBytes() <= 256 * 1024 * 1024,
				"mixrec.web.transfer.max-response-buffer-bytes must be between 8KB and 256MB");
	}

	/**
	 * @param bytes the size of a transfer
	 * @return how long it may take
	 */
	long allowedNanos(long bytes) {
		return this.grace.toNanos() + (long) (bytes * 1e9 / this.minRate.toBytes());
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
