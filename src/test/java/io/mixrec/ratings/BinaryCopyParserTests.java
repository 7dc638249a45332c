package io.mixrec.ratings;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.SplittableRandom;

import io.mixrec.database.BinaryCopyWriter;
import io.mixrec.testsupport.CapturedCopy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The binary COPY parser gets the same rows however the driver chunks the bytes. */
class BinaryCopyParserTests {

	@Test
	void parsesRowsSplitAtEveryPossibleBoundary() throws IOException {
		byte[] stream = copyStream(new long[][] { { 7, 3 }, { 9, 3 }, { 7, 12 } }, new float[] { 4.5f, 1, 3 });
		for (int chunk = 1; chunk <= stream.length; chunk++) {
			RatingLoader.TripleSink sink = new RatingLoader.TripleSink(3, 9, 12);
			RatingLoader.BinaryCopyParser parser = new RatingLoader.BinaryCopyParser(sink);
			for (int at = 0; at < stream.length; at += chunk) {
				parser.write(stream, at, Math.min(chunk, stream.length - at));
			}
			assertThat(sink.size).as("chunk " + chunk).isEqualTo(3);
			assertThat(sink.users).containsExactly(0, 1, 0);
			assertThat(sink.items).containsExactly(0, 0, 1);
			assertThat(sink.values).containsExactly(4.5f, 1, 3);
			assertThat(sink.itemKeys[0]).isEqualTo(3);
			assertThat(sink.itemKeys[1]).isEqualTo(12);
			assertThat(sink.userCount).isEqualTo(2);
		}
	}

	@Test
	void renumbersItemsInKeyOrder() throws IOException {
		byte[] stream = copyStream(new long[][] { { 7, 12 }, { 9, 3 }, { 7, 5 }, { 9, 12 } },
				new float[] { 4.5f, 1, 3, 2 });
		RatingLoader.TripleSink sink = new RatingLoader.TripleSink(4, 9, 12);
		new RatingLoader.BinaryCopyParser(sink).write(stream, 0, stream.length);
		assertThat(sink.items).containsExactly(0, 1, 2, 0);
		sink.renumberItemsByKey();
		assertThat(sink.items).containsExactly(2, 0, 1, 2);
		assertThat(sink.itemKeys).startsWith(3, 5, 12);
		assertThat(sink.itemCount).isEqualTo(3);
		assertThat(sink.users).containsExactly(0, 1, 0, 1);
		assertThat(sink.values).containsExactly(4.5f, 1, 3, 2);
	}

	@Test
	void parsesRandomChunkingOfManyRows() throws IOException {
		SplittableRandom random = new SplittableRandom(3);
		int n = 5000;
		long[][] ids = new long[n][];
		float[] values = new float[n];
		for (int k = 0; k < n; k++) {
			ids[k] = new long[] { 1 + k / 10, 1 + (k % 10) };
			values[k] = 1 + random.nextInt(9) / 2f;
		}
		byte[] stream = copyStream(ids, values);
		RatingLoader.TripleSink sink = new RatingLoader.TripleSink(n, n / 10, 10);
		RatingLoader.BinaryCopyParser parser = new RatingLoader.BinaryCopyParser(sink);
		int at = 0;
		while (at < stream.length) {
			int length = Math.min(1 + random.nextInt(100), stream.length - at);
			parser.write(stream, at, length);
			at += length;
		}
		assertThat(sink.size).isEqualTo(n);
		assertThat(sink.values).containsExactly(values);
	}

	@Test
	void readsWhatTheBinaryCopyWriterWrites() throws IOException, SQLException {
		long[][] ids = { { 7, 3 }, { 9, 3 }, { 7, 12 }, { 2, 1 } };
		float[] values = { 4.5f, 1, 3, 0.5f };
		CapturedCopy copy = new CapturedCopy();
		// Small enough that rows cross the chunks the writer sends.
		BinaryCopyWriter writer = new BinaryCopyWriter(() -> copy, 40);
		for (int k = 0; k < values.length; k++) {
			writer.row(3);
			writer.int8(ids[k][0]);
			writer.int8(ids[k][1]);
			writer.float4(values[k]);
		}
		assertThat(writer.finish()).isEqualTo(values.length);
		byte[] stream = copy.bytes();
		assertThat(stream).isEqualTo(copyStream(ids, values));

		RatingLoader.TripleSink sink = new RatingLoader.TripleSink(4, 9, 12);
		new RatingLoader.BinaryCopyParser(sink).write(stream, 0, stream.length);
		assertThat(sink.size).isEqualTo(4);
		assertThat(sink.users).containsExactly(0, 1, 0, 2);
		assertThat(sink.items).containsExactly(0, 0, 1, 2);
		assertThat(sink.values).containsExactly(values);
		assertThat(sink.itemKeys).startsWith(3, 12, 1);
	}

	@Test
	void rejectsAStreamThatIsNotBinaryCopy() {
		RatingLoader.BinaryCopyParser parser = new RatingLoader.BinaryCopyParser(new RatingLoader.TripleSink(1, 1, 1));
		byte[] text = "1\t2\t3.5\n..................".getBytes();
		assertThatIllegalStateException().isThrownBy(() -> parser.write(text, 0, text.length))
			.withMessageContaining("not a binary COPY");
	}

	/**
	 * The bytes PostgreSQL sends for COPY ... TO STDOUT (FORMAT binary) of (int8, int8,
	 * float4).
	 */
	static byte[] copyStream(long[][] ids, float[] values) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeBytes("PGCOPY\n");
		out.write(new byte[] { (byte) 0xff, '\r', '\n', 0 });
		out.writeInt(0);
		out.writeInt(0);
		for (int k = 0; k < values.length; k++) {
			out.writeShort(3);
			out.writeInt(8);
			out.writeLong(ids[k][0]);
			out.writeInt(8);
			out.writeLong(ids[k][1]);
			out.writeInt(4);
			out.writeFloat(values[k]);
		}
		out.writeShort(-1);
		return bytes.toByteArray();
	}

}
