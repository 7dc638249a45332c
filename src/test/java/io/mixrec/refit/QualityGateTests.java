package io.mixrec.refit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's rules, one at a time, and what it records. */
class QualityGateTests {

	private final QualityGate gate = new QualityGate(0.02);

	@Test
	void aCandidateBetterThanEverythingActivates() {
		QualityGate.Decision decision = this.gate.decide(new QualityGate.Figures(0.90, 0.40),
				new QualityGate.Figures(0.91, 0.39), 4L, 0.95, 0.20);
		assertThat(decision.activate()).isTrue();
		assertThat(decision.rejection()).isNull();
		assertThat(decision.describe(true)).containsEntry("decision", "activate");
	}

	@Test
	void aCandidateWithinTheToleranceOfTheActiveModelActivates() {
		assertThat(this.gate
			.decide(new QualityGate.Figures(0.918, 0.393), new QualityGate.Figures(0.90, 0.40), 4L, 0.95, 0.20)
			.activate()).isTrue();
	}

	@Test
	void aCandidateWorseThanTheActiveModelBeyondTheToleranceIsRejected() {
		QualityGate.Decision rmse = this.gate.decide(new QualityGate.Figures(0.92, 0.40),
				new QualityGate.Figures(0.90, 0.40), 4L, 0.95, 0.20);
		assertThat(rmse.activate()).isFalse();
		assertThat(rmse.rejection()).contains("holdout RMSE 0.9200 is worse than the active version 4's 0.9000");
		QualityGate.Decision ndcg = this.gate.decide(new QualityGate.Figures(0.90, 0.39),
				new QualityGate.Figures(0.90, 0.40), 4L, 0.95, 0.20);
		assertThat(ndcg.activate()).isFalse();
		assertThat(ndcg.rejection()).contains("holdout NDCG@10 0.3900 is below the active version 4's 0.4000");
	}

	@Test
	void aCandidateThatDoesNotBeatTheBaselinesIsRejectedEvenWithoutAnActiveModel() {
		QualityGate.Decision decision = this.gate.decide(new QualityGate.Figures(0.96, 0.19), null, null, 0.95, 0.20);
		assertThat(decision.activate()).isFalse();
		assertThat(decision.reasons()).containsExactly(
				"holdout RMSE 0.9600 is not better than the damped-bias baseline's 0.9500",
				"holdout NDCG@10 0.1900 is not better than most-popular's 0.2000");
		@SuppressWarnings("unchecked")
		Map<String, Object> baselines = (Map<String, Object>) decision.describe(true).get("baselines");
		assertThat(baselines).containsEntry("biasesRmse", 0.95).containsEntry("popularityNdcgAt10", 0.20);
		assertThat(decision.describe(true)).doesNotContainKey("active").containsEntry("decision", "reject");
	}

	@Test
	void undefinedNdcgIsNotCompared() {
		assertThat(this.gate
			.decide(new QualityGate.Figures(0.90, Double.NaN), new QualityGate.Figures(0.90, 0.4), 4L, 0.95, 0.2)
			.activate()).isTrue();
	}

	@Test
	void anUndefinedBaselineNdcgIsRecordedAsNull() {
		QualityGate.Decision decision = this.gate.decide(new QualityGate.Figures(0.90, Double.NaN),
				new QualityGate.Figures(0.91, Double.NaN), 4L, 0.95, Double.NaN);
		@SuppressWarnings("unchecked")
		Map<String, Object> baselines = (Map<String, Object>) decision.describe(true).get("baselines");
		assertThat(baselines).containsEntry("biasesRmse", 0.95).containsEntry("popularityNdcgAt10", null);
	}

}
