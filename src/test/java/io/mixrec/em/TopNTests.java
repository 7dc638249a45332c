package io.mixrec.em;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Top-N selection against hand-picked cases and a full sort.
 */
class TopNTests {

	@Test
	void returnsBestFirst() {
		double[] scores = { 0.1, 0.9, 0.5, 0.7, 0.3 };
		assertThat(TopN.select(scores, scores.length, 3)).containsExactly(1, 3, 2);
	}

	@Test
	void breaksTiesByLowerIndex() {
		double[] scores = { 2, 1, 2, 2, 1, 3 };
		assertThat(TopN.select(scores, scores.length, 3)).containsExactly(5, 0, 2);
		assertThat(TopN.select(scores, scores.length, 6)).containsExactly(5, 0, 2, 3, 1, 4);
	}

	@Test
	void returnsEverythingSortedWhenLimitExceedsCount() {
		double[] scores = { 3, 1, 2 };
		assertThat(TopN.select(scores, scores.length, 10)).containsExactly(0, 2, 1);
	}

	@Test
	void considersOnlyTheFirstCountEntries() {
		double[] scores = { 1, 2, 3, 99 };
		assertThat(TopN.select(scores, 3, 2)).containsExactly(2, 1);
	}

	@Test
	void skipsExcludedAndNaNEntries() {
		double[] scores = { 5, Double.NaN, 4, 3, Double.NEGATIVE_INFINITY, 2 };
		TopN.exclude(scores, new int[] { 0, 3 });
		assertThat(TopN.select(scores, scores.length, 10)).containsExactly(2, 5);
	}

	@Test
	void keepsPositiveInfinity() {
		double[] scores = { 1, Double.POSITIVE_INFINITY, -1e300 };
		assertThat(TopN.select(scores, scores.length, 3)).containsExactly(1, 0, 2);
	}

	@Test
	void returnsNothingWhenAllExcluded() {
		double[] scores = { 1, 2, 3 };
		TopN.exclude(scores, new int[] { 2, 0, 1, 9 }, 3);
		assertThat(TopN.select(scores, scores.length, 2)).isEmpty();
	}

	@Test
	void returnsNothingForLimitZeroOrEmptyInput() {
		assertThat(TopN.select(new double[] { 1, 2 }, 2, 0)).isEmpty();
		assertThat(TopN.select(new double[0], 0, 5)).isEmpty();
	}

	@Test
	void rejectsNegativeLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopN(-1)).withMessageContaining("-1");
	}

	@Test
	void agreesWithFullSortOnRandomScores() {
		SplittableRandom random = new SplittableRandom(42);
		TopN top = new TopN(25);
		int[] out = new int[25];
		for (int trial = 0; trial < 500; trial++) {
			int count = random.nextInt(200);
			double[] scores = new double[count];
			for (int i = 0; i < count; i++) {
				// few distinct values force many ties; some entries excluded or NaN
				int kind = random.nextInt(10);
				scores[i] = (kind == 0) ? Double.NEGATIVE_INFINITY
						: (kind == 1) ? Double.NaN : random.nextInt(8) + ((kind == 2) ? random.nextDouble() : 0);
			}
			int limit = random.nextInt(26);
			int[] expected = IntStream.range(0, count)
				.filter((i) -> scores[i] > Double.NEGATIVE_INFINITY)
				.boxed()
				.sorted(Comparator.<Integer>comparingDouble((i) -> -scores[i]).thenComparingInt((i) -> i))
				.limit(limit)
				.mapToInt(Integer::intValue)
				.toArray();
			Arrays.fill(out, -1);
			int n = new TopN(limit).select(scores, count, out);
			assertThat(Arrays.copyOf(out, n)).as("trial %d", trial).containsExactly(expected);
			if (limit == 25) {
				// the reused instance gives the same answer
				assertThat(Arrays.copyOf(out, top.select(scores, count, out))).containsExactly(expected);
			}
		}
	}

	@Test
	void incrementalSelectionMatchesSelectAndReportsItsBound() {
		double[] scores = { 0.4, 0.9, 0.1, 0.7, 0.7, 0.2 };
		TopN top = new TopN(3);
		assertThat(top.couldAccept(Double.NEGATIVE_INFINITY)).as("not full yet").isTrue();
		for (int i = 0; i < scores.length; i++) {
			top.offer(i, scores[i]);
		}
		assertThat(top.couldAccept(0.69)).isFalse();
		assertThat(top.couldAccept(0.7)).as("a tie may still win on its index").isTrue();
		int[] index = new int[3];
		double[] score = new double[3];
		assertThat(top.drain(index, score)).isEqualTo(3);
		assertThat(index).containsExactly(1, 3, 4);
		assertThat(score).containsExactly(0.9, 0.7, 0.7);
		assertThat(top.couldAccept(-1)).as("drained").isTrue();
		top.offer(2, 0.1);
		assertThat(top.drain(index, null)).isEqualTo(1);
		assertThat(index[0]).isEqualTo(2);
		assertThat(new TopN(0).couldAccept(Double.POSITIVE_INFINITY)).isFalse();
	}

}
