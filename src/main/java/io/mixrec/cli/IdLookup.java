package io.mixrec.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns ids from a region of a line (UTF-8 bytes) into an {@link IdDictionary} without
 * allocating a string for ids seen before, when they are canonical decimal numbers (no
 * sign, no leading zero, at most 9 digits), as in MovieLens files. Such an id has exactly
 * one spelling, so caching its number is the same as caching its string. Other ids take
 * the dictionary's string path.
 */
final class IdLookup {

	private final IdDictionary dictionary;

	/** Open addressing on the numeric id; -1 marks a free slot. */
	private int[] keys = new int[1024];

	private int[] indices = new int[1024];

	private int size;

	IdLookup(IdDictionary dictionary) {
		this.dictionary = dictionary;
		Arrays.fill(this.keys, -1);
	}

	int index(byte[] line, int from, int to) {
		int number = canonicalNumber(line, from, to);
		if (number < 0) {
			return this.dictionary.intern(text(line, from, to));
		}
		int mask = this.keys.length - 1;
		int slot = mix(number) & mask;
		while (this.keys[slot] != -1) {
			if (this.keys[slot] == number) {
				return this.indices[slot];
			}
			slot = (slot + 1) & mask;
		}
		int index = this.dictionary.intern(text(line, from, to));
		this.keys[slot] = number;
		this.indices[slot] = index;
		if (++this.size * 2 > this.keys.length) {
			grow();
		}
		return index;
	}

	/** The value of a canonical decimal of 1 to 9 digits, or -1 for anything else. */
	static int canonicalNumber(byte[] line, int from, int to) {
		int length = to - from;
		if (length < 1 || length > 9 || (line[from] == '0' && length > 1)) {
			return -1;
		}
		int value = 0;
		for (int k = from; k < to; k++) {
			int digit = line[k] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static String text(byte[] line, int from, int to) {
		return new String(line, from, to - from, StandardCharsets.UTF_8);
	}

	private static int mix(int key) {
		int h = key * 0x9E3779B9;
		return h ^ (h >>> 16);
	}

	private void grow() {
		int[] oldKeys = this.keys;
		int[] oldIndices = this.indices;
		this.keys = new int[oldKeys.length * 2];
		this.indices = new int[oldKeys.length * 2];
		Arrays.fill(this.keys, -1);
		int mask = this.keys.length - 1;
		for (int s = 0; s < oldKeys.length; s++) {
			if (oldKeys[s] != -1) {
				int slot = mix(oldKeys[s]) & mask;
				while (this.keys[slot] != -1) {
					slot = (slot + 1) & mask;
				}
				this.keys[slot] = oldKeys[s];
				this.indices[slot] = oldIndices[s];
			}
		}
	}

}
