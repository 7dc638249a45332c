package io.mixrec.refit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.mixrec.model.ActiveModelWatcher;
import io.mixrec.model.ActiveModels;
import io.mixrec.model.ModelSnapshot;
import io.mixrec.model.ModelStatus;
import io.mixrec.model.ModelStore;
import io.mixrec.model.ModelVersion;
import io.mixrec.ratings.LoadedRatings;
import io.mixrec.ratings.RatingLoader;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIsolatedIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestRatings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refits end to end on a database of their own: through the admin API, the cluster-wide
 * lock, the quality gate, rollback, failures and the scheduled skip. The gate is on here
 * (tests elsewhere turn it off), with a holdout large enough for its comparisons to mean
 * something on 8,000 ratings.
 */
@MixrecIsolatedIntegrationTest
@TestPropertySource(properties = { "mixrec.refit.gate-enabled=true", "mixrec.refit.holdout-fraction=0.2" })
class RefitIntegrationTests extends IntegrationTestBase {

	private static boolean seeded;

	@Autowired
	ActiveModels active;

	@Autowired
	ActiveModelWatcher watcher;

	@Autowired
	RefitScheduler scheduler;

	@Autowired
	RefitJob job;

	@Autowired
	RefitRunRepository versions;

	@Autowired
	ModelStore models;

	@Autowired
	MeterRegistry meters;

	@Autowired
	io.mixrec.model.ModelActivation activation;

	@Autowired
	ModelFit fit;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	@Autowired
	RefitProperties properties;

	@Autowired
	RefitMetrics metrics;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transaction;

	@BeforeEach
	void seed() {
		synchronized (RefitIntegrationTests.class) {
			if (!seeded) {
				new TestRatings().tastes("refit-", 400, 120, 4, 20, 1).insert(this.dataSource);
				seeded = true;
			}
		}
	}

	@Test
	void refitThroughTheAdminApiActivatesAndServesTheModel() {
		HttpResponse<String> started = post("/admin/refits", "{\"clusters\": 4, \"seed\": 3}");
		assertThat(started.statusCode()).isEqualTo(202);
		long id = ApiClient.json(started.body()).get("id").asLong();
		assertThat(started.headers().firstValue("Location")).hasValue("/admin/refits/" + id);
		assertThat(ApiClient.json(started.body()).get("note").asString()).contains("this run only");

		JsonNode refit = awaitFinished(id);
		// rejected when another test activated a better model (the gate is on here)
		assertThat(refit.get("status").asString()).isIn("active", "succeeded", "rejected");
		assertThat(refit.get("phase").asString()).isEqualTo("done");
		// the trace follows the first user-mixture restart; iterations count every part's
		assertThat(refit.get("objectiveTrace").size()).isPositive().isLessThan(refit.get("iterations").asInt());

		JsonNode model = ApiClient.json(get("/admin/models/" + id).body());
		assertThat(model.get("clusters").asInt()).isEqualTo(4);
		assertThat(model.get("options").get("preset").asString()).isEqualTo("ensemble");
		assertThat(model.get("gate").get("decision").asString())
			.isEqualTo(refit.get("status").asString().equals("rejected") ? "reject" : "activate");
		assertThat(model.get("data").get("ratings").asLong()).isGreaterThanOrEqualTo(7000);
		assertThat(model.get("holdout").get("rmse").asDouble()).isBetween(0.3, 1.5);
		assertThat(model.get("holdout").get("ndcgAt10").asDouble()).isBetween(0.0, 1.0);
		for (String phase : new String[] { "load", "fit", "evaluate", "persist" }) {
			assertThat(model.get("timingsMillis").get(phase).isNumber()).as(phase).isTrue();
		}
		double weights = 0;
		for (JsonNode cluster : model.get("clusterDetails")) {
			weights += cluster.get("weight").asDouble();
			assertThat(cluster.get("variance").asDouble()).isPositive();
			assertThat(cluster.get("likedMost").size()).isEqualTo(ModelSnapshot.PROFILE_ITEMS);
			assertThat(cluster.get("ratedMost").get(0).get("itemId").asString()).startsWith("refit-i");
		}
		assertThat(weights).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
		if (refit.get("status").asString().equals("active")) {
			assertThat(this.watcher.refresh()).hasValue(id);
			assertThat(this.active.current().map(ModelSnapshot::version)).hasValue(id);
		}
	}

	@Test
	void aSecondRefitWhileOneRunsIsAConflictWithALinkToIt() {
		long running = insertRunningRow(Duration.ZERO);
		try {
			HttpResponse<String> response = post("/admin/refits", null);
			assertThat(response.statusCode()).isEqualTo(409);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(ApiClient.json(response.body()).get("running").asString()).isEqualTo("/admin/refits/" + running);
		}
		finally {
			this.versions.finishWithoutModel(running, ModelStatus.FAILED, "test cleanup");
		}
	}

	@Test
	void aRunWhoseHeartbeatStoppedIsFailedAndReleasesTheLock() {
		long stale = insertRunningRow(Duration.ofMinutes(10));
		HttpResponse<String> response = post("/admin/refits", "{\"clusters\": 2}");
		assertThat(response.statusCode()).isEqualTo(202);
		ModelVersion reaped = this.models.find(stale).orElseThrow();
		assertThat(reaped.status()).isEqualTo(ModelStatus.FAILED);
		assertThat(reaped.error()).contains("heartbeats");
		awaitFinished(ApiClient.json(response.body()).get("id").asLong());
	}

	@Test
	void scheduledRefitIsSkippedWhenNoRatingChanged() {
		awaitFinished(ApiClient.json(post("/admin/refits", "{\"clusters\": 3}").body()).get("id").asLong());
		assertThat(this.scheduler.reasonToSkip())
			.hasValueSatisfying((reason) -> assertThat(reason).startsWith("unchanged"));
		double before = skipped("unchanged");
		this.scheduler.scheduledRefit();
		assertThat(skipped("unchanged")).isEqualTo(before + 1);
		assertThat(this.versions.runningVersion()).isEmpty();

		new TestRatings().add("refit-u1", "refit-new-item", 5).insert(this.dataSource);
		assertThat(this.scheduler.reasonToSkip()).isEmpty();
		this.jdbc.sql("delete from ratings where item_id = (select id from items where external_id = 'refit-new-item')")
			.update();
		assertThat(this.scheduler.reasonToSkip()).as("a delete is a change too").isEmpty();
	}

	@Test
	void theGateRejectsAWorseModelAndTheActiveOneKeepsServing() {
		long good = ensureActiveModel();
		long worse = awaitFinished(ApiClient
			.json(post("/admin/refits", "{\"preset\": \"classic\", \"clusters\": 1, \"maxIterations\": 2}").body())
			.get("id")
			.asLong()).get("id").asLong();
		ModelVersion rejected = assertEndedLeavingActive(worse, ModelStatus.REJECTED, good);
		assertThat(rejected.rejectionReason()).contains("holdout RMSE");
	}

	@Test
	void theGateScoresCandidateAndActiveModelOnTheSameRatingsAndKeepsItsReasonAfterAForcedActivation() {
		long good = ensureActiveModel();
		// far more clusters than 400 users support: it overfits
		long worse = awaitFinished(
				ApiClient.json(post("/admin/refits", "{\"preset\": \"classic\", \"clusters\": 200}").body())
					.get("id")
					.asLong())
			.get("id")
			.asLong();
		JsonNode rejected = ApiClient.json(get("/admin/models/" + worse).body());
		assertThat(rejected.get("status").asString()).isEqualTo("rejected");
		JsonNode gate = rejected.get("gate");
		assertThat(gate.get("decision").asString()).isEqualTo("reject");
		assertThat(gate.get("active").get("version").asLong()).isEqualTo(good);
		assertThat(gate.get("candidate").get("rmse").asDouble())
			.isGreaterThan(gate.get("active").get("rmse").asDouble() * 1.02);
		assertThat(gate.get("candidate").get("ndcgAt10").asDouble())
			.isLessThan(gate.get("active").get("ndcgAt10").asDouble() * 0.98);
		assertThat(rejected.get("rejectionReason").asString()).contains("active version " + good);
		assertThat(rejected.get("selection").isNull()).as("a fixed K").isTrue();

		// forced into service, it keeps the gate's verdict on record
		assertThat(post("/admin/models/" + worse + "/activate", null).statusCode()).isEqualTo(200);
		JsonNode forced = ApiClient.json(get("/admin/models/" + worse).body());
		assertThat(forced.get("status").asString()).isEqualTo("active");
		assertThat(forced.get("gate").get("decision").asString()).isEqualTo("reject");
		assertThat(forced.get("rejectionReason").asString()).contains("active version " + good);

		// a better candidate beats the worse active model on the same held-out ratings
		long better = awaitFinished(ApiClient.json(post("/admin/refits", null).body()).get("id").asLong()).get("id")
			.asLong();
		JsonNode accepted = ApiClient.json(get("/admin/models/" + better).body());
		assertThat(accepted.get("status").asString()).isEqualTo("active");
		assertThat(accepted.get("gate").get("decision").asString()).isEqualTo("activate");
		assertThat(accepted.get("gate").get("active").get("version").asLong()).isEqualTo(worse);
		assertThat(accepted.get("gate").get("candidate").get("rmse").asDouble())
			.isLessThan(accepted.get("gate").get("active").get("rmse").asDouble())
			.isLessThan(accepted.get("gate").get("baselines").get("biasesRmse").asDouble());
		assertThat(accepted.get("gate").get("candidate").get("ndcgAt10").asDouble())
			.isGreaterThan(accepted.get("gate").get("active").get("ndcgAt10").asDouble())
			.isGreaterThan(accepted.get("gate").get("baselines").get("popularityNdcgAt10").asDouble());
		assertThat(accepted.get("holdout").get("ratings").asInt())
			.isEqualTo(rejected.get("holdout").get("ratings").asInt());
		assertThat(accepted.get("selection").get("candidates").size()).isPositive();
		assertThat(accepted.get("options").get("clusters").asString()).isEqualTo("auto");
		assertThat(activeVersion()).hasValue(better);
	}

	@Test
	void rollbackToAnOlderVersionIsRecordedAndServed() {
		long older = ensureActiveModel();
		long newer = awaitFinished(
				ApiClient.json(post("/admin/refits", "{\"clusters\": 4, \"seed\": 99}").body()).get("id").asLong())
			.get("id")
			.asLong();
		HttpResponse<String> activated = post("/admin/models/" + newer + "/activate", null);
		assertThat(activated.statusCode()).isEqualTo(200);
		HttpResponse<String> rolledBack = post("/admin/models/" + older + "/activate", null);
		assertThat(rolledBack.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(rolledBack.body()).get("previousVersion").asLong()).isEqualTo(newer);
		assertThat(activeVersion()).hasValue(older);
		assertThat(this.active.current().map(ModelSnapshot::version)).hasValue(older);
		assertThat(this.models.find(newer).orElseThrow().status()).isEqualTo(ModelStatus.RETIRED);
		String reason = this.jdbc.sql("select reason from model_activations order by id desc limit 1")
			.query(String.class)
			.single();
		assertThat(reason).isEqualTo("rollback");
	}

	@Test
	void versionsWithoutParametersCannotBeActivated() {
		long failed = insertRunningRow(Duration.ZERO);
		this.versions.finishWithoutModel(failed, ModelStatus.FAILED, "test");
		assertThat(post("/admin/models/" + failed + "/activate", null).statusCode()).isEqualTo(409);
		assertThat(post("/admin/models/999999/activate", null).statusCode()).isEqualTo(404);
		assertThat(get("/admin/refits/999999").statusCode()).isEqualTo(404);
		assertThat(post("/admin/refits/" + failed + "/cancel", null).statusCode()).isEqualTo(409);
	}

	@Test
	void adminEndpointsNeedTheAdminKey() {
		assertThat(this.api.statuses("POST", "/admin/refits", "none", "write")).containsExactly(401, 403);
		assertThat(this.api.statuses("GET", "/admin/models", "read", "admin")).containsExactly(403, 200);
	}

	@Test
	void badRefitRequestsAreProblems() {
		HttpResponse<String> response = post("/admin/refits", "{\"clusters\": 0, \"preset\": \"fancy\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("clusters").contains("preset");
		assertThat(post("/admin/refits", "{not json").statusCode()).isEqualTo(400);
		assertThat(get("/admin/models?limit=0").statusCode()).isEqualTo(400);
	}

	@Test
	void aFailingFitLeavesThePreviousVersionActive() {
		long good = ensureActiveModel();
		RatingLoader broken = new RatingLoader(this.dataSource) {
			@Override
			public LoadedRatings load() {
				throw new IllegalStateException("disk on fire");
			}
		};
		RefitJob failing = new RefitJob(broken, this.versions, this.models, this.activation, this.fit, this.json,
				this.properties, this.metrics, this.transaction);
		long version = insertRunningRow(Duration.ZERO);
		failing.run(plan(version, good), new RefitProgress(version));
		ModelVersion failed = assertEndedLeavingActive(version, ModelStatus.FAILED, good);
		assertThat(failed.error()).contains("disk on fire");
	}

	@Test
	void aCancelledFitIsRecordedAndChangesNothing() {
		long good = ensureActiveModel();
		long version = insertRunningRow(Duration.ZERO);
		RefitProgress progress = new RefitProgress(version);
		progress.stop("cancel requested");
		this.job.run(plan(version, good), progress);
		assertEndedLeavingActive(version, ModelStatus.CANCELLED, good);
	}

	@Test
	void aRunThatLostItsLeaseNeverPublishes() {
		long good = ensureActiveModel();
		long version = insertRunningRow(Duration.ZERO);
		// another instance decided this runner was dead while it was stalled
		this.versions.finishWithoutModel(version, ModelStatus.FAILED, "heartbeats stopped");
		this.job.run(plan(version, good), new RefitProgress(version));
		assertEndedLeavingActive(version, ModelStatus.FAILED, good);
		assertThat(count("select count(*) from model_parameters where version = ?", version)).isZero();
	}

	@Test
	void aRunWhoseBaseWasReplacedStoresItsModelButDoesNotActivateIt() {
		long good = ensureActiveModel();
		long version = insertRunningRow(Duration.ZERO);
		// the run started before version "good" was published: its base is something
		// older
		this.job.run(plan(version, null), new RefitProgress(version));
		ModelVersion stale = assertEndedLeavingActive(version, ModelStatus.SUCCEEDED, good);
		assertThat(stale.rejectionReason()).contains("active version changed");
	}

	private RefitPlan plan(long version, Long base) {
		return new RefitPlan(version, base, null, new FitRecipe.Mixture(Preset.MIXTURE,
				io.mixrec.em.EmOptions.defaults(3).toBuilder().threads(2).seed(5).build(), null), 0.05, 10_000);
	}

	private long ensureActiveModel() {
		Optional<Long> active = activeVersion();
		if (active.isPresent()) {
			return active.get();
		}
		long id = ApiClient.json(post("/admin/refits", "{\"clusters\": 4}").body()).get("id").asLong();
		awaitFinished(id);
		return activeVersion().orElseThrow();
	}

	/**
	 * Asserts that the version ended with that status and the active version is still
	 * {@code active}.
	 * @return the ended version, for its reasons
	 */
	private ModelVersion assertEndedLeavingActive(long version, ModelStatus status, long active) {
		ModelVersion ended = this.models.find(version).orElseThrow();
		assertThat(ended.status()).isEqualTo(status);
		assertThat(activeVersion()).hasValue(active);
		return ended;
	}

	private Optional<Long> activeVersion() {
		return this.jdbc.sql("select version from active_model").query(Long.class).optional();
	}

	private long insertRunningRow(Duration silentFor) {
		return this.jdbc.sql("""
				insert into model_versions (status, trigger, options, seed, clusters, owner, heartbeat_at)
				values ('running', 'admin', '{}', 1, 2, 'another-instance', now() - make_interval(secs => ?))
				returning version
				""").param((double) silentFor.toSeconds()).query(Long.class).single();
	}

	private JsonNode awaitFinished(long id) {
		return this.api.awaitRefit(id, Duration.ofSeconds(60));
	}

	private double skipped(String reason) {
		io.micrometer.core.instrument.Counter counter = this.meters.find("mixrec.refit.skipped")
			.tag("reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> post(String path, String body) {
		return this.api.send("POST", path, TestApiKeys.ADMIN, (body != null) ? "application/json" : null, body);
	}

	private HttpResponse<String> get(String path) {
		return this.api.send("GET", path, TestApiKeys.ADMIN);
	}

}
