package io.mixrec.database;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.mixrec.testsupport.CapturedCopy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The binary COPY encoder, checked against the format as PostgreSQL documents it. */
class BinaryCopyWriterTests {

	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	private final CapturedCopy copy = new CapturedCopy();

	private final AtomicInteger opened = new AtomicInteger();

	@Test
	void encodesEachTypeAsPostgresReadsIt() throws SQLException, IOException {
		BinaryCopyWriter writer = writer(1024);
		byte[] line = "xx-user-é-yy".getBytes(StandardCharsets.UTF_8);
		writer.row(7);
		writer.text(line, 3, line.length - 3);
		writer.text("i".getBytes(StandardCharsets.UTF_8));
		writer.text(null);
		writer.jsonb("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
		writer.float4(4.5f);
		writer.int8(-2);
		writer.timestamptz(946_684_800_000_001L);

		assertThat(writer.finish()).isOne();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream expected = new DataOutputStream(bytes);
		expected.write(HEADER);
		expected.writeShort(7);
		expected.writeInt(7);
		expected.write("user-é".getBytes(StandardCharsets.UTF_8));
		expected.writeInt(1);
		expected.write('i');
		expected.writeInt(-1);
		expected.writeInt(8);
		expected.write(1);
		expected.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
		expected.writeInt(4);
		expected.writeFloat(4.5f);
		expected.writeInt(8);
		expected.writeLong(-2);
		expected.writeInt(8);
		// microseconds since PostgreSQL's epoch, 2000-01-01T00:00:00Z
		expected.writeLong(1);
		expected.writeShort(-1);
		assertThat(this.copy.bytes()).isEqualTo(bytes.toByteArray());
		assertThat(this.copy.isActive()).isFalse();
	}

	@Test
	void writesNullJsonbAsNull() throws SQLException {
		BinaryCopyWriter writer = writer(1024);
		writer.row(1);
		writer.jsonb(null);
		writer.finish();

		assertThat(this.copy.rows()).singleElement().satisfies((row) -> assertThat(row).containsExactly((byte[]) null));
	}

	@Test
	void opensNothingForACopyWithoutRows() throws SQLException {
		BinaryCopyWriter writer = writer(1024);

		assertThat(writer.finish()).isZero();
		writer.cancel();

		assertThat(this.opened).hasValue(0);
	}

	@Test
	void opensTheCopyOnlyWhenTheFirstBufferIsFull() throws SQLException {
		BinaryCopyWriter writer = writer(64);
		for (int row = 0; row < 3; row++) {
			writer.row(1);
			writer.int8(row);
		}
		assertThat(this.opened).as("19 + 3 x 14 bytes fit in 64").hasValue(0);

		writer.row(1);
		writer.int8(3);
		assertThat(this.opened).hasValue(1);
		assertThat(this.copy.writes()).as("the buffer up to the 4th row's int8").containsExactly(63);

		assertThat(writer.finish()).isEqualTo(4);
		assertThat(this.opened).hasValue(1);
		assertThat(this.copy.rows()).extracting((row) -> ByteBuffer.wrap(row.get(0)).getLong())
			.containsExactly(0L, 1L, 2L, 3L);
	}

	@Test
	void sendsAValueLargerThanTheBufferOnItsOwn() throws SQLException {
		byte[] large = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
		BinaryCopyWriter writer = writer(64);
		writer.row(3);
		writer.text("a".getBytes(StandardCharsets.UTF_8));
		writer.text(large);
		writer.jsonb(large);
		writer.row(1);
		writer.text("b".getBytes(StandardCharsets.UTF_8));

		assertThat(writer.finish()).isEqualTo(2);
		assertThat(this.copy.writes()).contains(1000);
		List<List<byte[]>> rows = this.copy.rows();
		assertThat(rows.get(0).get(0)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
		assertThat(rows.get(0).get(1)).isEqualTo(large);
		assertThat(rows.get(0).get(2)).hasSize(1001).startsWith((byte) 1);
		assertThat(rows.get(1)).containsExactly("b".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void cancelsAnOpenCopyButNotAnEndedOne() throws SQLException {
		BinaryCopyWriter writer = writer(32);
		writer.row(1);
		writer.int8(1);
		writer.row(1);
		writer.int8(2);
		writer.cancel();
		assertThat(this.copy.cancelled()).isTrue();

		CapturedCopy ended = new CapturedCopy();
		BinaryCopyWriter finished = new BinaryCopyWriter(() -> ended, 32);
		finished.row(1);
		finished.int8(1);
		finished.finish();
		finished.cancel();
		assertThat(ended.cancelled()).isFalse();
	}

	@Test
	void reportsAFailureToOpenTheCopy() {
		BinaryCopyWriter writer = new BinaryCopyWriter(() -> {
			throw new SQLException("no connection");
		}, 1024);

		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			writer.row(1);
			writer.int8(1);
			writer.finish();
		}).withMessage("no connection");
	}

	@Test
	void refusesABufferTooSmallForTheHeader() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BinaryCopyWriter(() -> this.copy, 18));
	}

	private BinaryCopyWriter writer(int bufferSize) {
		return new BinaryCopyWriter(() -> {
			this.opened.incrementAndGet();
			return this.copy;
		}, bufferSize);
	}

}
