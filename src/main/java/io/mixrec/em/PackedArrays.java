package io.mixrec.em;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte form of a stored model's arrays: each value little-endian, one after the
 * other. Item-level values are stored as float32 ({@link #packFloats}), which is all the
 * precision a rating prediction needs and halves their size. It lives in the engine
 * because both writers of model versions use it: the service and the Spark refit, which
 * has only the engine's jar.
 */
public final class PackedArrays {

	private PackedArrays() {
	}

	/**
	 * @param values the values, each narrowed to float32
	 * @return 4 bytes per value
	 */
	public static byte[] packFloats(double[] values) {
		ByteBuffer buffer = allocate(Float.BYTES, values.length);
		for (double v : values) {
			buffer.putFloat((float) v);
		}
		return buffer.array();
	}

	/**
	 * @param bytes what {@link #packFloats} wrote
	 * @return the values, widened back to double
	 */
	public static double[] unpackFloats(byte[] bytes) {
		ByteBuffer buffer = wrap(bytes);
		double[] values = new double[bytes.length / Float.BYTES];
		for (int k = 0; k < values.length; k++) {
			values[k] = buffer.getFloat();
		}
		return values;
	}

	/**
	 * @param values the values
	 * @return 8 bytes per value
	 */
	public static byte[] packDoubles(double[] values) {
		ByteBuffer buffer = allocate(Double.BYTES, values.length);
		buffer.asDoubleBuffer().put(values);
		return buffer.array();
	}

	/**
	 * @param bytes what {@link #packDoubles} wrote
	 * @return the values
	 */
	public static double[] unpackDoubles(byte[] bytes) {
		double[] values = new double[bytes.length / Double.BYTES];
		wrap(bytes).asDoubleBuffer().get(values);
		return values;
	}

	/**
	 * @param values the values
	 * @return 4 bytes per value
	 */
	public static byte[] packInts(int[] values) {
		ByteBuffer buffer = allocate(Integer.BYTES, values.length);
		buffer.asIntBuffer().put(values);
		return buffer.array();
	}

	/**
	 * @param bytes what {@link #packInts} wrote
	 * @return the values
	 */
	public static int[] unpackInts(byte[] bytes) {
		int[] values = new int[bytes.length / Integer.BYTES];
		wrap(bytes).asIntBuffer().get(values);
		return values;
	}

	/**
	 * @param values the values
	 * @return 8 bytes per value
	 */
	public static byte[] packLongs(long[] values) {
		ByteBuffer buffer = allocate(Long.BYTES, values.length);
		buffer.asLongBuffer().put(values);
		return buffer.array();
	}

	/**
	 * @param bytes what {@link #packLongs} wrote
	 * @return the values
	 */
	public static long[] unpackLongs(byte[] bytes) {
		long[] values = new long[bytes.length / Long.BYTES];
		wrap(bytes).asLongBuffer().get(values);
		return values;
	}

	private static ByteBuffer allocate(int bytesPerValue, int values) {
		return ByteBuffer.allocate(Math.multiplyExact(bytesPerValue, values)).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static ByteBuffer wrap(byte[] bytes) {
		return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
	}

}
