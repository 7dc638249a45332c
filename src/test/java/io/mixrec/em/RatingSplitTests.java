package io.mixrec.em;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RatingSplitTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(300, 50, 0.3, 3, 3);

	@Test
	void partitionsTheRatingsInTheSameIndexSpaces() {
		RatingSplit split = RatingSplit.holdOut(DATA, 0.1, Integer.MAX_VALUE, 9);
		assertThat(split.train().ratings() + split.heldOut().ratings()).isEqualTo(DATA.ratings());
		assertThat(split.heldOut().ratings()).isBetween(DATA.ratings() / 20, DATA.ratings() / 6);
		assertThat(split.train().users()).isEqualTo(DATA.users());
		assertThat(split.heldOut().items()).isEqualTo(DATA.items());
		for (int u = 0; u < DATA.users(); u++) {
			for (int k = split.heldOut().start(u); k < split.heldOut().end(u); k++) {
				int item = split.heldOut().item(k);
				assertThat(DATA.get(u, item)).isEqualTo(split.heldOut().value(k));
				assertThat(split.train().get(u, item)).isNaN();
			}
		}
	}

	@Test
	void respectsTheCapAndIsDeterministic() {
		RatingSplit capped = RatingSplit.holdOut(DATA, 0.5, 40, 9);
		assertThat(capped.heldOut().ratings()).isLessThanOrEqualTo(40).isGreaterThan(20);
		RatingSplit again = RatingSplit.holdOut(DATA, 0.5, 40, 9);
		assertThat(again.heldOut().ratings()).isEqualTo(capped.heldOut().ratings());
		assertThat(RatingSplit.holdOut(DATA, 0, 100, 1).heldOut().ratings()).isZero();
	}

	@Test
	void rejectsAFractionOutsideTheUnitInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> RatingSplit.holdOut(DATA, 1, 10, 1))
			.withMessageContaining("fraction");
	}

	@Test
	void aKeyedSplitHoldsOutTheSamePairsInEveryDataSetThatHasThem() {
		RatingMatrix small = RandomRatings.matrix(200, 50, 0.3, 3, 1);
		long[] users = new long[small.users()];
		long[] items = new long[small.items()];
		for (int u = 0; u < users.length; u++) {
			users[u] = 1000 + 3L * u;
		}
		for (int i = 0; i < items.length; i++) {
			items[i] = 50 + 7L * i;
		}
		RatingSplit split = RatingSplit.holdOutByKey(small, users, items, 0.2, Integer.MAX_VALUE);
		assertThat(split.heldOut().ratings() + split.train().ratings()).isEqualTo(small.ratings());
		assertThat((double) split.heldOut().ratings() / small.ratings()).isBetween(0.15, 0.25);
		// the same pairs in another order of rows: the same pairs held out
		long[] reversedUsers = new long[users.length];
		RatingMatrix.Builder reversed = RatingMatrix.builder();
		for (int u = 0; u < users.length; u++) {
			int row = users.length - 1 - u;
			reversedUsers[row] = users[u];
			for (int p = small.start(u); p < small.end(u); p++) {
				reversed.add(row, small.item(p), small.value(p));
			}
		}
		RatingSplit again = RatingSplit.holdOutByKey(reversed.build(users.length, items.length), reversedUsers, items,
				0.2, Integer.MAX_VALUE);
		for (int u = 0; u < users.length; u++) {
			int row = users.length - 1 - u;
			assertThat(again.heldOut().count(row)).isEqualTo(split.heldOut().count(u));
		}
		// a smaller fraction (a cap on more data) holds out a subset
		RatingSplit fewer = RatingSplit.holdOutByKey(small, users, items, 0.2, split.heldOut().ratings() / 2);
		for (int u = 0; u < users.length; u++) {
			for (int p = fewer.heldOut().start(u); p < fewer.heldOut().end(u); p++) {
				assertThat(Double.isNaN(split.heldOut().get(u, fewer.heldOut().item(p)))).isFalse();
			}
		}
		assertThat(fewer.heldOut().ratings()).isLessThan(split.heldOut().ratings());
	}

}
