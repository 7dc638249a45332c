package io.mixrec.refit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mixrec.model.ModelActivation;
import io.mixrec.model.ModelStatus;
import io.mixrec.model.ModelStore;
import io.mixrec.model.ModelVersion;
import io.mixrec.ratings.RatingChanges;
import io.mixrec.ratings.RatingLoader;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.OwnDatabase;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestRatings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The quality gate for versions written outside the service (the refit on Spark), on a
 * database of its own with taste data on which a personalised model beats the baselines
 * clearly: the automatic gate and the admin endpoint, activation and rejection with the
 * in-process refit's figures and reasons, the gate turned off, the refit lock, and the
 * cases it passes over. Versions are written as the Spark job writes them
 * ({@link SparkVersions}); the automatic poll is off here, the tests call it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = { "mixrec.refit.gate-enabled=true", "mixrec.refit.holdout-fraction=0.2",
		"mixrec.refit.spark.auto-gate=false" })
class SparkCandidateGateIntegrationTests extends IntegrationTestBase {

	private static final String DATABASE = "spark-gate";

	@Autowired
	CandidateGate gate;

	@Autowired
	CandidateGateRepository candidates;

	@Autowired
	RefitRunRepository runs;

	@Autowired
	ModelStore models;

	@Autowired
	ModelActivation activation;

	@Autowired
	RatingLoader loader;

	@Autowired
	RatingChanges changes;

	@Autowired
	RefitProperties properties;

	@Autowired
	JsonMapper json;

	@Autowired
	TransactionTemplate transaction;

	SparkVersions spark;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		OwnDatabase.register(DATABASE, registry);
	}

	@BeforeAll
	static void seed() {
		// before the context starts: the database's first ratings
		JdbcDatabase database = OwnDatabase.named(DATABASE).migrate();
		new TestRatings().tastes("gate-", 400, 120, 4, 20, 1).insert(database.dataSource());
	}

	@BeforeEach
	void writer() {
		this.spark = new SparkVersions(this.loader, this.models, this.jdbc, this.json);
	}

	@Test
	void theAutomaticGateActivatesABetterSparkVersion() {
		long poor = activeSparkVersion(SparkVersions.poor());
		SparkVersions.Written better = this.spark.write(SparkVersions.good());

		assertThat(this.gate.gateNewest()).hasValue(better.version());
		ModelVersion gated = awaitGate(better.version());

		assertThat(gated.status()).isEqualTo(ModelStatus.ACTIVE);
		assertThat(gated.gateDecision()).isEqualTo("activate");
		assertThat(gated.rejectionReason()).isNull();
		assertThat(this.activation.activeVersion()).hasValue(better.version());
		JsonNode gate = this.json.readTree(gated.gate());
		assertThat(gate.get("enabled").asBoolean()).isTrue();
		assertThat(gate.get("reasons").size()).isZero();
		assertThat(gate.get("active").get("version").asLong()).isEqualTo(poor);
		assertThat(gate.get("candidate").get("rmse").asDouble()).isLessThan(gate.get("active").get("rmse").asDouble())
			.isLessThan(gate.get("baselines").get("biasesRmse").asDouble());
		assertThat(gate.get("candidate").get("ndcgAt10").asDouble())
			.isGreaterThan(gate.get("baselines").get("popularityNdcgAt10").asDouble());
		// the pairs the job held out, rebuilt by key: the same ratings, the same RMSE
		// (but for the float32 parameters)
		assertThat(gate.get("heldOutRatings").asLong()).isEqualTo(better.holdout().testRatings());
		assertThat(gate.get("candidate").get("rmse").asDouble()).isCloseTo(better.holdout().rmse(), within(1e-4));
		assertThat(gate.get("ratingsChangedSinceFit").asBoolean()).isFalse();
		// the job's own figures stay as it recorded them
		assertThat(gated.outcome().holdoutRmse()).isEqualTo(better.holdout().rmse());
		assertThat(this.jdbc.sql("select reason from model_activations where version = ? order by id desc limit 1")
			.param(better.version())
			.query(String.class)
			.single()).isEqualTo("refit");
	}

	@Test
	void theAdminEndpointRejectsAWorseSparkVersionWithReasonsAndTheActiveOneKeepsServing() {
		long good = activeSparkVersion(SparkVersions.good());
		long worse = this.spark.write(SparkVersions.poor()).version();

		HttpResponse<String> started = post("/admin/models/" + worse + "/gate");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		assertThat(started.headers().firstValue("Location")).hasValue("/admin/models/" + worse);
		JsonNode body = ApiClient.json(started.body());
		assertThat(body.get("version").asLong()).isEqualTo(worse);
		assertThat(body.get("phase").asString()).isEqualTo("gate");
		awaitGate(worse);

		JsonNode rejected = ApiClient.json(get("/admin/models/" + worse).body());
		assertThat(rejected.get("status").asString()).isEqualTo("rejected");
		assertThat(rejected.get("trigger").asString()).isEqualTo("spark");
		assertThat(rejected.get("gateDecision").asString()).isEqualTo("reject");
		assertThat(rejected.get("rejectionReason").asString()).contains("holdout RMSE")
			.contains("active version " + good);
		assertThat(rejected.get("gate").get("active").get("version").asLong()).isEqualTo(good);
		assertThat(rejected.get("gate").get("candidate").get("rmse").asDouble())
			.isGreaterThan(rejected.get("gate").get("active").get("rmse").asDouble() * 1.02);
		assertThat(this.activation.activeVersion()).hasValue(good);
		// the history shows it like a rejected refit
		List<Long> rejectedRuns = new ArrayList<>();
		for (JsonNode run : ApiClient.json(get("/admin/refits?status=rejected&size=200").body()).get("refits")) {
			rejectedRuns.add(run.get("id").asLong());
		}
		assertThat(rejectedRuns).contains(worse);

		// decided: a second gate is refused, forcing it stays possible
		HttpResponse<String> again = post("/admin/models/" + worse + "/gate");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(ApiClient.json(again.body()).get("detail").asString()).contains("/activate");
	}

	@Test
	void withTheGateOffAWorseVersionActivatesAndTheDecisionIsRecorded() throws Exception {
		long good = activeSparkVersion(SparkVersions.good());
		long worse = this.spark.write(SparkVersions.poor()).version();
		// ratings written after the job read its data
		new TestRatings().add("gate-late-u1", "gate-i1", 4).add("gate-late-u1", "gate-i5", 5).insert(this.dataSource);
		RefitProperties p = this.properties;
		RefitProperties off = new RefitProperties(p.cron(), p.clusters(), p.preset(), p.restarts(), p.seed(),
				p.maxIterations(), p.threads(), p.warmStart(), p.holdoutFraction(), p.holdoutMax(), p.rankingUsers(),
				p.gateTolerance(), false, p.lease(), p.heartbeat(), p.progressInterval());
		CandidateGate gateOff = gate(off, new SparkGateProperties(true, Duration.ofSeconds(1)));
		try {
			gateOff.run(this.gate.claim(worse));
		}
		finally {
			gateOff.destroy();
		}

		ModelVersion activated = this.models.find(worse).orElseThrow();
		assertThat(activated.status()).isEqualTo(ModelStatus.ACTIVE);
		assertThat(activated.gateDecision()).isEqualTo("reject");
		assertThat(activated.rejectionReason()).isNull();
		JsonNode gate = this.json.readTree(activated.gate());
		assertThat(gate.get("enabled").asBoolean()).isFalse();
		assertThat(gate.get("reasons").toString()).contains("active version " + good);
		assertThat(gate.get("ratingsChangedSinceFit").asBoolean()).isTrue();
		assertThat(this.activation.activeVersion()).hasValue(worse);
	}

	@Test
	void theGateHoldsTheRefitLock() {
		long waiting = this.spark.write(SparkVersions.good()).version();
		long running = insertRunningRefit();
		try {
			HttpResponse<String> refused = post("/admin/models/" + waiting + "/gate");
			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(ApiClient.json(refused.body()).get("running").asString()).isEqualTo("/admin/refits/" + running);
			assertThat(this.gate.gateNewest()).isEmpty();
		}
		finally {
			this.runs.finishWithoutModel(running, ModelStatus.FAILED, "test cleanup");
		}
		assertThat(this.models.find(waiting).orElseThrow().rejectionReason()).as("tried again later").isNull();

		GateClaim claim = this.gate.claim(waiting);
		try {
			assertThat(this.models.find(waiting).orElseThrow().status()).isEqualTo(ModelStatus.RUNNING);
			HttpResponse<String> refit = this.api.send("POST", "/admin/refits", TestApiKeys.ADMIN, null, null);
			assertThat(refit.statusCode()).isEqualTo(409);
			assertThat(ApiClient.json(refit.body()).get("running").asString()).isEqualTo("/admin/refits/" + waiting);
			assertThat(post("/admin/models/" + waiting + "/gate").statusCode()).isEqualTo(409);
		}
		finally {
			this.gate.run(claim);
		}
		assertThat(this.models.find(waiting).orElseThrow().gateDecision()).isNotNull();
	}

	@Test
	void aGateWhoseInstanceDiedIsPutBackWithItsParameters() {
		long waiting = this.spark.write(SparkVersions.good()).version();
		this.gate.claim(waiting);
		// the instance died: no heartbeat for longer than the lease
		this.jdbc.sql("update model_versions set heartbeat_at = now() - interval '10 minutes' where version = ?")
			.param(waiting)
			.update();

		// as the reaper of any instance does (the scheduled one may come first)
		this.runs.failStale(this.properties.lease());

		ModelVersion back = this.models.find(waiting).orElseThrow();
		assertThat(back.status()).isEqualTo(ModelStatus.SUCCEEDED);
		assertThat(back.gate()).isNull();
		assertThat(back.rejectionReason()).contains("gate stopped sending heartbeats").contains("/gate");
		assertThat(this.runs.runningVersion()).isEmpty();
		assertThat(this.models.load(waiting)).isPresent();
		// noted, so the automatic gate leaves it; an admin runs it again
		assertThat(this.candidates.newestUndecided()).isNotEqualTo(Optional.of(waiting));
		assertThat(post("/admin/models/" + waiting + "/gate").statusCode()).isEqualTo(202);
		assertThat(awaitGate(waiting).gateDecision()).isNotNull();
	}

	@Test
	void theAutomaticGatePassesOverVersionsOlderThanTheActiveOneAndOnesItCannotGate() throws Exception {
		long older = this.spark.write(SparkVersions.good()).version();
		long newer = activeSparkVersion(SparkVersions.good());
		long unrecorded = this.spark.write(SparkVersions.good()).version();
		// written by a job that did not record its holdout
		this.jdbc.sql("update model_versions set options = options - 'holdoutProbability' where version = ?")
			.param(unrecorded)
			.update();
		CandidateGate autoGateOff = gate(this.properties, new SparkGateProperties(false, Duration.ofSeconds(1)));
		try {
			autoGateOff.poll();
		}
		finally {
			autoGateOff.destroy();
		}
		assertThat(this.models.find(older).orElseThrow().rejectionReason()).as("auto-gate off").isNull();

		assertThat(this.gate.gateNewest()).isEmpty();

		ModelVersion passed = this.models.find(older).orElseThrow();
		assertThat(passed.status()).isEqualTo(ModelStatus.SUCCEEDED);
		assertThat(passed.gate()).isNull();
		assertThat(passed.rejectionReason()).contains("not gated automatically")
			.contains("version " + newer)
			.contains("/admin/models/" + older + "/gate");
		assertThat(this.models.find(unrecorded).orElseThrow().rejectionReason()).contains("holdoutProbability");
		assertThat(this.candidates.newestUndecided()).isEmpty();
		HttpResponse<String> refused = post("/admin/models/" + unrecorded + "/gate");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		// an admin may still compare an older one with the active version
		assertThat(post("/admin/models/" + older + "/gate").statusCode()).isEqualTo(202);
		assertThat(awaitGate(older).gate()).isNotNull();
	}

	@Test
	void theAdminEndpointAnswersProblemsForWhatItCannotGate() {
		HttpResponse<String> missing = post("/admin/models/999999/gate");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(ApiClient.json(missing.body()).get("type").asString()).endsWith("/not-found");
		long active = activeSparkVersion(SparkVersions.good());
		HttpResponse<String> serving = post("/admin/models/" + active + "/gate");
		assertThat(serving.statusCode()).isEqualTo(409);
		assertThat(ApiClient.json(serving.body()).get("detail").asString()).contains("is active");
		long failed = insertRunningRefit();
		this.runs.finishWithoutModel(failed, ModelStatus.FAILED, "test");
		assertThat(post("/admin/models/" + failed + "/gate").statusCode()).isEqualTo(409);
		long waiting = this.spark.write(SparkVersions.good()).version();
		this.jdbc
			.sql("update model_versions set options = jsonb_set(options, '{holdoutProbability}', '0') "
					+ "where version = ?")
			.param(waiting)
			.update();
		HttpResponse<String> unheld = post("/admin/models/" + waiting + "/gate");
		assertThat(unheld.statusCode()).isEqualTo(409);
		assertThat(ApiClient.json(unheld.body()).get("detail").asString()).contains("without a holdout");
		assertThat(this.api.send("POST", "/admin/models/" + waiting + "/gate", null).statusCode()).isEqualTo(401);
		assertThat(this.api.send("POST", "/admin/models/" + waiting + "/gate", TestApiKeys.WRITE).statusCode())
			.isEqualTo(403);
		assertThat(this.models.find(waiting).orElseThrow().status()).isEqualTo(ModelStatus.SUCCEEDED);
	}

	private CandidateGate gate(RefitProperties refit, SparkGateProperties spark) {
		return new CandidateGate(this.candidates, this.runs, this.activation, this.loader, this.changes, this.models,
				refit, spark, this.json, this.transaction);
	}

	/** A Spark version forced into service. */
	private long activeSparkVersion(io.mixrec.em.EmOptions options) {
		long version = this.spark.write(options).version();
		this.activation.activate(version);
		return version;
	}

	private ModelVersion awaitGate(long version) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			ModelVersion row = this.models.find(version).orElseThrow();
			if (row.status() != ModelStatus.RUNNING) {
				return row;
			}
			assertThat(System.nanoTime()).as("gate of %d still running", version).isLessThan(deadline);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private long insertRunningRefit() {
		return this.jdbc.sql("""
				insert into model_versions (status, trigger, options, seed, clusters, owner)
				values ('running', 'admin', '{}', 1, 2, 'another-instance')
				returning version
				""").query(Long.class).single();
	}

	private HttpResponse<String> post(String path) {
		return this.api.send("POST", path, TestApiKeys.ADMIN, null, null);
	}

	private HttpResponse<String> get(String path) {
		return this.api.send("GET", path, TestApiKeys.ADMIN);
	}

}
