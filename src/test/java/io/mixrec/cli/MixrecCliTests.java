package io.mixrec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command end to end on small generated files, with captured output streams.
 */
class MixrecCliTests {

	@TempDir
	Path dir;

	private final CapturedConsole console = new CapturedConsole();

	private int run(String... args) {
		this.console.clear();
		return MixrecCli.run(args, this.console.outStream(), this.console.errStream());
	}

	private JsonNode lastLineAsJson() {
		List<String> lines = this.console.out().lines().toList();
		return JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
	}

	private Path generate(String name, long seed, String... extra) {
		Path file = this.dir.resolve(name);
		String[] base = { "generate", "--users", "150", "--items", "80", "--ratings", "3000", "--clusters", "3",
				"--seed", Long.toString(seed), "--out", file.toString() };
		String[] args = new String[base.length + extra.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(extra, 0, args, base.length, extra.length);
		assertThat(run(args)).as(this.console.err()).isZero();
		return file;
	}

	@Test
	void recognisesItsCommands() {
		assertThat(MixrecCli.isCommand("evaluate")).isTrue();
		assertThat(MixrecCli.isCommand("fit")).isTrue();
		assertThat(MixrecCli.isCommand("generate")).isTrue();
		assertThat(MixrecCli.isCommand("--server.port=0")).isFalse();
	}

	@Test
	void generatesTheSameTabSeparatedFileForASeed() throws IOException {
		Path a = generate("a.tsv", 5);
		assertThat(this.console.out()).contains("wrote 3000 ratings");
		Path b = generate("b.tsv", 5);
		List<String> lines = Files.readAllLines(a);
		assertThat(lines).hasSize(3000).isEqualTo(Files.readAllLines(b));
		assertThat(lines.get(0)).matches("\\d+\\t\\d+\\t[1-5](\\.5)?\\t\\d+");
	}

	@Test
	void generatesCsvWithHeader() throws IOException {
		Path file = generate("g.csv", 1, "--format", "csv");
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(3001);
		assertThat(lines.get(0)).isEqualTo("userId,itemId,rating,timestamp");
	}

	@Test
	void evaluatesMixrecBesideTheBaselines() {
		Path train = generate("train.tsv", 1);
		Path test = generate("test.csv", 2, "--format", "csv");
		int code = run("evaluate", "--train", train.toString(), "--test", test.toString(), "--clusters", "3",
				"--threads", "2", "--max-iterations", "30");
		assertThat(code).as(this.console.err()).isZero();
		assertThat(this.console.out()).contains("mixrec", "global mean", "damped biases", "most popular", "NDCG@10",
				"iterations");
	}

	@Test
	void evaluatePrintsOneJsonObjectWithTheDocumentedKeys() {
		Path train = generate("train.tsv", 1);
		Path test = generate("test.tsv", 2);
		int code = run("evaluate", "--train", train.toString(), "--test", test.toString(), "--preset", "classic",
				"--clusters", "2", "--format", "json", "--seed", "3", "--restarts", "2", "--tolerance", "1e-4");
		assertThat(code).as(this.console.err()).isZero();
		JsonNode json = lastLineAsJson();
		for (String key : List.of("rmse", "mae", "precisionAt10", "recallAt10", "ndcgAt10", "fitSeconds",
				"iterations")) {
			assertThat(json.get(key).isNumber()).as(key).isTrue();
		}
		for (String baseline : List.of("globalMean", "biases", "popularity")) {
			assertThat(json.get("baselines").get(baseline).get("rmse").isNumber()).as(baseline).isTrue();
		}
		// the global mean cannot rank: null, not NaN
		assertThat(json.get("baselines").get("globalMean").get("ndcgAt10").isNull()).isTrue();
		assertThat(json.get("rmse").asDouble()).isBetween(0.0, 4.0);
		assertThat(json.get("preset").asString()).isEqualTo("classic");
		assertThat(json.get("clusters").asInt()).isEqualTo(2);
	}

	@Test
	void evaluatesTheEnsembleWithKChosenByDataAndItsUncertainty() {
		Path train = generate("train.tsv", 1);
		Path test = generate("test.tsv", 2);
		assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString(), "--threads", "2",
				"--max-iterations", "20"))
			.as(this.console.err())
			.isZero();
		assertThat(this.console.out()).contains("preset ensemble, clusters auto", "selection on", "(chosen)",
				"variance scale", "80 % interval covers");
		assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString(), "--clusters", "3",
				"--threads", "2", "--max-iterations", "20", "--format", "json"))
			.as(this.console.err())
			.isZero();
		JsonNode json = lastLineAsJson();
		assertThat(json.get("preset").asString()).isEqualTo("ensemble");
		assertThat(json.get("clusters").asInt()).isEqualTo(3);
		JsonNode uncertainty = json.get("uncertainty");
		for (String key : List.of("coverage80", "coverage95", "spearmanAbsErrorStdDev", "coldStartStdDev",
				"medianUserStdDev")) {
			assertThat(uncertainty.get(key).isNumber()).as(key).isTrue();
		}
		assertThat(uncertainty.get("coverage80").asDouble()).isBetween(0.3, 1.0);
		assertThat(uncertainty.get("coverage95").asDouble())
			.isGreaterThanOrEqualTo(uncertainty.get("coverage80").asDouble());
		assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString(), "--ranking", "rate"))
			.isEqualTo(2);
		assertThat(this.console.err()).contains("--ranking applies to the mixture and classic presets");
	}

	@Test
	void fitReportsObjectiveSpeedAndHeap() {
		Path ratings = generate("r.tsv", 1);
		assertThat(run("fit", "--ratings", ratings.toString(), "--clusters", "3", "--preset", "mixture",
				"--max-iterations", "4"))
			.isZero();
		assertThat(this.console.out()).contains("iteration    1", "iteration    4",
				"ns per rating x cluster x iteration", "peak heap");
		assertThat(run("fit", "--ratings", ratings.toString(), "--clusters", "3", "--preset", "classic", "--format",
				"json"))
			.isZero();
		JsonNode json = lastLineAsJson();
		assertThat(this.console.out().lines().count()).isOne();
		assertThat(this.console.err()).contains("iteration");
		assertThat(json.get("logLikelihood").isNumber()).isTrue();
		assertThat(json.get("converged").isBoolean()).isTrue();
		assertThat(json.get("iterations").asInt()).isPositive();
		assertThat(json.get("secondsPerIteration").asDouble()).isPositive();
		assertThat(json.get("nsPerRatingClusterIteration").asDouble()).isPositive();
		assertThat(json.get("peakHeapBytes").asLong()).isPositive();
		assertThat(run("fit", "--ratings", ratings.toString(), "--threads", "2", "--max-iterations", "10"))
			.as(this.console.err())
			.isZero();
		assertThat(this.console.out()).contains("ensemble: user mixture K=", "aspects K=", "peak heap", "(chosen)");
	}

	@Test
	void badLineFailsWithFileAndLine() throws IOException {
		Path file = Files.writeString(this.dir.resolve("bad.tsv"), "1\t1\t4\n1\t2\n");
		assertThat(run("fit", "--ratings", file.toString(), "--clusters", "2")).isOne();
		assertThat(this.console.err()).contains(file + ":2: line has 2 fields separated by tabs; expected at least 3");
	}

	@Test
	void readsCsvWithMovieIdAndExtraColumns() throws IOException {
		Path file = Files.writeString(this.dir.resolve("movies.csv"),
				"movieId,userId,genre,rating,timestamp\n10,1,drama,4,0\n11,1,comedy,2,0\n10,2,drama,5,0\n");
		assertThat(run("fit", "--ratings", file.toString(), "--clusters", "1", "--preset", "classic"))
			.as(this.console.err())
			.isZero();
		assertThat(this.console.out()).contains("3 ratings, 2 users, 2 items");
	}

	@Test
	void rejectsUnknownOptionsAndBadValuesWithExitCodeTwo() {
		assertThat(run("evaluate", "--train", "a", "--test", "b", "--clusterz", "3")).isEqualTo(2);
		assertThat(this.console.err()).contains("unknown option --clusterz");
		assertThat(run("fit", "--ratings", "a", "--clusters", "zero")).isEqualTo(2);
		assertThat(this.console.err()).contains("--clusters must be an integer");
		assertThat(run("fit", "--ratings", "a", "--tolerance", "1e-3")).isEqualTo(2);
		assertThat(this.console.err()).contains("--tolerance applies to the mixture and classic presets");
		assertThat(run("generate", "--users")).isEqualTo(2);
		assertThat(this.console.err()).contains("--users needs a value");
		assertThat(run("evaluate", "--train", "a", "--test", "b", "--preset", "fancy")).isEqualTo(2);
		assertThat(this.console.err()).contains("--preset must be one of ensemble|mixture|classic");
		assertThat(run("evaluate", "--train", "a", "--test", "b", "--preset", "classic", "--ranking", "rate"))
			.isEqualTo(2);
		assertThat(this.console.err()).contains("--ranking rate needs the presence model");
		assertThat(run("generate", "--users", "2", "--items", "2", "--ratings", "5", "--clusters", "1", "--out",
				this.dir.resolve("x").toString()))
			.isEqualTo(2);
		assertThat(this.console.err()).contains("ratings 5 exceed");
		assertThat(run("fit", "stray")).isEqualTo(2);
		assertThat(this.console.err()).contains("unexpected argument 'stray'");
	}

	@Test
	void printsHelpPerCommand() {
		assertThat(run("evaluate", "--help")).isZero();
		assertThat(this.console.out()).contains("--train FILE", "--ranking");
		assertThat(run("fit", "--help")).isZero();
		assertThat(this.console.out()).contains("--ratings FILE");
		assertThat(run("generate", "--help")).isZero();
		assertThat(this.console.out()).contains("--users N");
		assertThat(run("help")).isZero();
		assertThat(this.console.out()).contains("evaluate", "fit", "generate");
	}

	@Test
	void missingFileFailsWithExitCodeOne() {
		assertThat(run("fit", "--ratings", this.dir.resolve("none.tsv").toString(), "--clusters", "2")).isOne();
		assertThat(this.console.err()).contains("none.tsv: no such file");
	}

}
