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

}
