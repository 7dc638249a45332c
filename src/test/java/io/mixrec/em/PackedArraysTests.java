package io.mixrec.em;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored byte form against bytes written out by hand: little-endian, one value after
 * the other, floats narrowed to 4 bytes. Rows written before this class existed, and by
 * the Spark refit, must keep reading back.
 */
class PackedArraysTests {

	@Test
	void packsLongsLittleEndian() {
		assertThat(PackedArrays.packLongs(new long[] { 1, 0x0102030405060708L })).containsExactly(1, 0, 0, 0, 0, 0, 0,
				0, 8, 7, 6, 5, 4, 3, 2, 1);
	}

	@Test
	void packsIntsLittleEndian() {
		assertThat(PackedArrays.packInts(new int[] { 1, 0x01020304 })).containsExactly(1, 0, 0, 0, 4, 3, 2, 1);
	}

	@Test
	void packsDoublesLittleEndian() {
		// 1.0 is 0x3FF0000000000000, -2.0 is 0xC000000000000000
		assertThat(PackedArrays.packDoubles(new double[] { 1.0, -2.0 })).containsExactly(0, 0, 0, 0, 0, 0, 0xF0, 0x3F,
				0, 0, 0, 0, 0, 0, 0, 0xC0);
	}

	@Test
	void packsDoublesAsFloat32() {
		// 1.0f is 0x3F800000
		assertThat(PackedArrays.packFloats(new double[] { 1.0 })).containsExactly(0, 0, 0x80, 0x3F);
	}

	@Test
	void unpacksWhatItPacks() {
		long[] longs = { Long.MIN_VALUE, -1, 0, 42, Long.MAX_VALUE };
		int[] ints = { Integer.MIN_VALUE, -1, 0, 42, Integer.MAX_VALUE };
		double[] doubles = { -0.0, Double.MIN_VALUE, Math.PI, Double.NaN, Double.NEGATIVE_INFINITY };
		assertThat(PackedArrays.unpackLongs(PackedArrays.packLongs(longs))).containsExactly(longs);
		assertThat(PackedArrays.unpackInts(PackedArrays.packInts(ints))).containsExactly(ints);
		assertThat(PackedArrays.unpackDoubles(PackedArrays.packDoubles(doubles))).containsExactly(doubles);
	}

	@Test
	void unpacksFloatsAsTheNarrowedValues() {
		double[] values = { 0.1, -3.75, 1e30 };
		double[] narrowed = { (float) 0.1, (float) -3.75, (float) 1e30 };
		assertThat(PackedArrays.unpackFloats(PackedArrays.packFloats(values))).containsExactly(narrowed);
	}

	@Test
	void readsBytesInOrderFromTheStart() {
		byte[] bytes = { 4, 3, 2, 1, 8, 7, 6, 5 };
		assertThat(PackedArrays.unpackInts(bytes)).containsExactly(0x01020304, 0x05060708);
		assertThat(PackedArrays.unpackLongs(bytes)).containsExactly(0x0506070801020304L);
	}

	@Test
	void packsNothingAsNoBytes() {
		assertThat(PackedArrays.packFloats(new double[0])).isEmpty();
		assertThat(PackedArrays.unpackDoubles(new byte[0])).isEmpty();
	}

}
