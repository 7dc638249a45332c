package io.mixrec.em;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterCountSelectorTests {

	/** Four planted user types with well separated tastes and plenty of ratings each. */
	private static final RatingMatrix PLANTED = RandomRatings.matrix(400, 40, 0.4, 4, 17);

	@Test
	void bicFindsThePlantedNumberOfTypes() {
		EmOptions options = EmOptions.classic(1).toBuilder().threads(2).restarts(3).seed(5).build();
		ClusterCountSelector.Selection selection = new ClusterCountSelector(options, ClusterCountSelector.Criterion.BIC,
				0)
			.select(PLANTED, 1, 2, 4, 8);
		assertThat(selection.clusters()).isEqualTo(4);
		assertThat(selection.candidates()).extracting(ClusterCountSelector.Candidate::clusters)
			.containsExactly(1, 2, 4, 8);
		assertThat(selection.fit().model().clusters()).isEqualTo(4);
	}

	@Test
	void heldOutScoreRejectsTooFewClustersAndRefitsOnAllRatings() {
		EmOptions options = EmOptions.defaults(1).toBuilder().threads(2).seed(5).build();
		ClusterCountSelector.Selection selection = new ClusterCountSelector(options,
				ClusterCountSelector.Criterion.HELD_OUT, 0.2)
			.select(PLANTED, 1, 4);
		assertThat(selection.clusters()).isEqualTo(4);
		assertThat(selection.candidates().get(1).score()).isLessThan(selection.candidates().get(0).score());
		assertThat(selection.fit().model().items()).isEqualTo(PLANTED.items());
	}

	@Test
	void rejectsBadArguments() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ClusterCountSelector(EmOptions.classic(2), ClusterCountSelector.Criterion.HELD_OUT, 0))
			.withMessageContaining("heldOutFraction");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClusterCountSelector(EmOptions.classic(2), ClusterCountSelector.Criterion.BIC, 0)
				.select(PLANTED))
			.withMessageContaining("no candidate");
	}

}
