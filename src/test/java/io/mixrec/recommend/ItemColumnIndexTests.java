package io.mixrec.recommend;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item key to model column, through the direct table (dense keys) and the binary search
 * (sparse keys), against a map.
 */
class ItemColumnIndexTests {

	@Test
	void denseKeysUseTheTableAndAnswerLikeAMap() {
		SplittableRandom random = new SplittableRandom(3);
		long[] keys = new long[500];
		for (int c = 0; c < keys.length; c++) {
			// shuffled, with gaps and deleted items
			keys[c] = (c % 17 == 0) ? -1 : 1000 + 2L * ((c * 7919L) % keys.length);
		}
		ItemColumnIndex index = ItemColumnIndex.of(keys);

		assertThat(index.direct()).isTrue();
		assertAnswersLikeAMap(index, keys, random);
	}

	@Test
	void sparseKeysUseTheSearchAndAnswerLikeAMap() {
		SplittableRandom random = new SplittableRandom(5);
		long[] keys = new long[300];
		for (int c = 0; c < keys.length; c++) {
			keys[c] = (c % 11 == 0) ? -1 : random.nextLong(1L << 40);
		}
		ItemColumnIndex index = ItemColumnIndex.of(keys);

		assertThat(index.direct()).isFalse();
		assertAnswersLikeAMap(index, keys, random);
	}

	@Test
	void noKnownItemAnswersMinusOne() {
		ItemColumnIndex index = ItemColumnIndex.of(new long[] { -1, -1 });

		assertThat(index.column(0)).isEqualTo(-1);
		assertThat(index.column(5)).isEqualTo(-1);
		assertThat(ItemColumnIndex.of(new long[0]).column(1)).isEqualTo(-1);
	}

	private static void assertAnswersLikeAMap(ItemColumnIndex index, long[] keys, SplittableRandom random) {
		Map<Long, Integer> expected = new HashMap<>();
		long max = 0;
		for (int c = 0; c < keys.length; c++) {
			if (keys[c] >= 0) {
				expected.put(keys[c], c);
				max = Math.max(max, keys[c]);
			}
		}
		for (long key : expected.keySet()) {
			assertThat(index.column(key)).isEqualTo(expected.get(key));
		}
		long[] probes = { -1, 0, 999, max + 1, max + 1000, Long.MAX_VALUE, Long.MIN_VALUE };
		for (long key : probes) {
			assertThat(index.column(key)).isEqualTo(expected.getOrDefault(key, -1));
		}
		for (int t = 0; t < 2000; t++) {
			long key = random.nextLong(max + 2);
			assertThat(index.column(key)).as("key %d", key).isEqualTo(expected.getOrDefault(key, -1));
		}
	}

}
