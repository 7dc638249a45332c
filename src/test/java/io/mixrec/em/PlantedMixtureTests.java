package io.mixrec.em;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The planted generator: exact size, no duplicates, the rating scale, determinism and the
 * skew of popularity and activity.
 */
class PlantedMixtureTests {

	private static RatingMatrix collect(PlantedMixture planted) {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		long produced = planted.generate(builder::add);
		assertThat(produced).isEqualTo(planted.ratings());
		return builder.build(planted.users(), planted.items());
	}

	@Test
	void producesExactlyTheRequestedDistinctRatingsOnTheHalfStarScale() {
		PlantedMixture planted = new PlantedMixture(300, 200, 9_000, 4, 1);
		Set<Long> cells = new HashSet<>();
		List<Float> values = new ArrayList<>();
		planted.generate((user, item, rating) -> {
			assertThat(cells.add((long) user << 32 | item)).as("duplicate (%d, %d)", user, item).isTrue();
			values.add(rating);
		});
		assertThat(cells).hasSize(9_000);
		assertThat(values).allSatisfy((v) -> {
			assertThat(v).isBetween(1f, 5f);
			assertThat(v * 2).isEqualTo((float) Math.rint(v * 2));
		});
	}

	@Test
	void isDeterministicForASeed() {
		RatingMatrix a = collect(new PlantedMixture(200, 100, 3_000, 3, 42));
		RatingMatrix b = collect(new PlantedMixture(200, 100, 3_000, 3, 42));
		RatingMatrix c = collect(new PlantedMixture(200, 100, 3_000, 3, 43));
		assertThat(ratings(a)).isEqualTo(ratings(b));
		assertThat(ratings(a)).isNotEqualTo(ratings(c));
	}

	@Test
	void popularityAndActivityAreHeavyTailed() {
		// sparse enough (3 ratings per user on average) that the head is not saturated
		RatingMatrix m = collect(new PlantedMixture(20_000, 1_000, 60_000, 5, 7));
		int[] items = m.itemCounts();
		Arrays.sort(items);
		// Zipf(1): rank 1 gets ~100 times the share of rank 100
		assertThat(items[items.length - 1]).isGreaterThan(50 * Math.max(1, items[items.length - 100]));
		int max = 0;
		for (int u = 0; u < m.users(); u++) {
			assertThat(m.count(u)).isBetween(1, 500);
			max = Math.max(max, m.count(u));
		}
		assertThat(max).isGreaterThan(30 * 3);
	}

	@Test
	void fillsUsersUpToHalfTheItems() {
		// 10 users x 3 items each (half of 5, rounded up) is the most possible
		RatingMatrix m = collect(new PlantedMixture(10, 5, 30, 2, 3));
		for (int u = 0; u < 10; u++) {
			assertThat(m.count(u)).isEqualTo(3);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new PlantedMixture(10, 5, 31, 2, 3))
			.withMessageContaining("31");
	}

	@Test
	void leavesSomeUsersEmptyWhenRatingsAreFewerThanUsers() {
		assertThat(collect(new PlantedMixture(100, 50, 20, 2, 3)).ratings()).isEqualTo(20);
	}

	@Test
	void rejectsNonPositiveSizes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PlantedMixture(0, 5, 1, 2, 3))
			.withMessageContaining("users");
	}

	private static List<String> ratings(RatingMatrix m) {
		List<String> all = new ArrayList<>();
		for (int u = 0; u < m.users(); u++) {
			for (int p = m.start(u); p < m.end(u); p++) {
				all.add(u + ":" + m.item(p) + ":" + m.value(p));
			}
		}
		return all;
	}

}
