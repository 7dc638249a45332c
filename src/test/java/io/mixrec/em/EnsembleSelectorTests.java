package io.mixrec.em;

import java.util.List;

import io.mixrec.em.EnsembleFitter.Part;
import io.mixrec.em.EnsembleSelector.Candidate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Choosing K, restarts and the variance scale on a validation split carved from the
 * training ratings.
 */
class EnsembleSelectorTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(300, 60, 0.2, 4, 21);

	private static final EnsembleOptions BASE = EnsembleOptions.defaults().withThreads(2).withSeed(4);

	private static final EnsembleSelector.Grid GRID = new EnsembleSelector.Grid(new int[] { 2, 4 }, new int[] { 2, 3 },
			new int[] { 3, 6 }, new double[] { 0.3, 1 }, 2, 2, 4);

	private static final EnsembleSelector.Validation VALIDATION = new EnsembleSelector.Validation(1_000_000, 0.2,
			100_000, 500);

	@Test
	void scoresEveryCandidateAndChoosesOneOfEachSetting() {
		EnsembleSelector.Selection selection = new EnsembleSelector(BASE, GRID, VALIDATION).select(DATA);
		List<Candidate> candidates = selection.candidates();
		assertThat(values(candidates, Part.USERS, "clusters")).containsExactly(2, 2, 4, 4);
		assertThat(candidates.stream()
			.filter((c) -> c.part() == Part.USERS && c.setting().equals("clusters"))
			.map(Candidate::ratingWeight)).containsExactly(0.3, 1.0, 0.3, 1.0);
		assertThat(values(candidates, Part.ITEMS, "clusters")).containsExactly(2, 2, 3, 3);
		assertThat(values(candidates, Part.ASPECTS, "clusters")).containsExactly(3, 6);
		assertThat(values(candidates, Part.USERS, "restarts")).containsExactly(1, 2);
		assertThat(values(candidates, Part.ASPECTS, "restarts")).containsExactly(1, 2, 4);
		for (Part part : Part.values()) {
			for (String setting : List.of("clusters", "restarts")) {
				assertThat(candidates.stream()
					.filter((c) -> c.part() == part && c.setting().equals(setting))
					.filter(Candidate::chosen)).as(part + " " + setting).hasSize(1);
			}
		}
		EnsembleOptions chosen = selection.options();
		assertThat(chosen.users().clusters()).isEqualTo(chosenValue(candidates, Part.USERS, "clusters"));
		assertThat(chosen.users().ratingWeight()).isEqualTo(candidates.stream()
			.filter((c) -> c.part() == Part.USERS && c.setting().equals("clusters") && c.chosen())
			.findFirst()
			.orElseThrow()
			.ratingWeight());
		assertThat(chosen.items().restarts()).isEqualTo(chosenValue(candidates, Part.ITEMS, "restarts"));
		assertThat(chosen.aspects().clusters()).isEqualTo(chosenValue(candidates, Part.ASPECTS, "clusters"));
		assertThat(chosen.aspects().restarts()).isEqualTo(chosenValue(candidates, Part.ASPECTS, "restarts"));
		assertThat(candidates.stream().filter((c) -> c.part() == Part.ASPECTS).map(Candidate::measure))
			.containsOnly("ndcg@10");
		assertThat(candidates.stream().filter((c) -> c.part() != Part.ASPECTS).map(Candidate::measure))
			.containsOnly("rmse");
		assertThat(selection.varianceScale()).isEqualTo(chosen.varianceScale()).isBetween(0.3, 3.0);
		assertThat(selection.validationRatings()).isPositive();
		assertThat(selection.validationRatings() + selection.fittedRatings()).isEqualTo(DATA.ratings());
		assertThat(selection.validationRmse()).isBetween(0.3, 2.0);
	}

	@Test
	void isDeterministicForASeed() {
		EnsembleSelector.Selection first = new EnsembleSelector(BASE, GRID, VALIDATION).select(DATA);
		EnsembleSelector.Selection again = new EnsembleSelector(BASE, GRID, VALIDATION).select(DATA);
		assertThat(again.candidates()).isEqualTo(first.candidates());
		assertThat(again.options()).isEqualTo(first.options());
	}

	@Test
	void aPartWithoutCandidatesStaysOff() {
		EnsembleSelector.Grid usersOnly = new EnsembleSelector.Grid(new int[] { 3 }, new int[0], new int[0],
				new double[] { 1 }, 1, 1, 1);
		EnsembleSelector.Selection selection = new EnsembleSelector(BASE, usersOnly, VALIDATION).select(DATA);
		assertThat(selection.options().items().enabled()).isFalse();
		assertThat(selection.options().aspects().enabled()).isFalse();
		assertThat(selection.candidates()).extracting(Candidate::part).containsOnly(Part.USERS);
		assertThat(new EnsembleFitter(selection.options()).fit(DATA).model().aspectModels()).isEmpty();
	}

	@Test
	void largeTrainingSetsAreCutToASampleOfWholeUsers() {
		EnsembleSelector.Validation small = new EnsembleSelector.Validation(500, 0.2, 100_000, 500);
		RatingMatrix sample = small.sample(DATA, 4);
		assertThat(sample.ratings()).isBetween(500, 500 + 60);
		assertThat(sample.items()).isEqualTo(DATA.items());
		assertThat(small.sample(DATA, 4).ratings()).isEqualTo(sample.ratings());
		assertThat(VALIDATION.sample(DATA, 4)).isSameAs(DATA);
		// every sampled row is some user's whole row
		java.util.Set<String> rows = new java.util.HashSet<>();
		for (int u = 0; u < DATA.users(); u++) {
			rows.add(row(DATA, u));
		}
		for (int u = 0; u < sample.users(); u++) {
			assertThat(rows).contains(row(sample, u));
		}
		EnsembleSelector.Selection selection = new EnsembleSelector(BASE, GRID, small).select(DATA);
		assertThat(selection.fittedRatings() + selection.validationRatings()).isEqualTo(sample.ratings());
	}

	private static String row(RatingMatrix matrix, int u) {
		StringBuilder row = new StringBuilder();
		for (int p = matrix.start(u); p < matrix.end(u); p++) {
			row.append(matrix.item(p)).append(':').append(matrix.value(p)).append(' ');
		}
		return row.toString();
	}

	@Test
	void aCheaperCandidateWinsWhenWithinTheToleranceOfTheBest() {
		assertThat(EnsembleSelector.pick(new double[] { 0.930, 0.925, 0.920 }, false, 0)).isEqualTo(2);
		assertThat(EnsembleSelector.pick(new double[] { 0.9205, 0.9200 }, false, 0.001)).isZero();
		assertThat(EnsembleSelector.pick(new double[] { 0.9300, 0.9200 }, false, 0.001)).isEqualTo(1);
		assertThat(EnsembleSelector.pick(new double[] { 0.250, 0.262, 0.264 }, true, 0.01)).isEqualTo(1);
		assertThat(EnsembleSelector.pick(new double[] { 0.300, 0.250 }, true, 0.01)).isZero();
	}

	private static List<Integer> values(List<Candidate> candidates, Part part, String setting) {
		return candidates.stream()
			.filter((c) -> c.part() == part && c.setting().equals(setting))
			.map(Candidate::value)
			.toList();
	}

	private static int chosenValue(List<Candidate> candidates, Part part, String setting) {
		return candidates.stream()
			.filter((c) -> c.part() == part && c.setting().equals(setting) && c.chosen())
			.findFirst()
			.orElseThrow()
			.value();
	}

}
