package io.mixrec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar target/mixrec.jar} as a user runs it, without JVM flags: exit codes
 * and messages of the command line, and the SIMD kernels through the relaunch with
 * {@code jdk.incubator.vector} ({@link VectorRelaunch}).
 */
class JarLaunchIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void helpListsEveryCommandAndExitsZero() throws Exception {
		Result result = run("--help");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out()).contains("serve ").contains("evaluate ").contains("fit ").contains("generate ");
	}

	@Test
	void unknownCommandsAndOptionsExitTwoWithAMessage() throws Exception {
		Result command = run("frobnicate");
		assertThat(command.code()).isEqualTo(2);
		assertThat(command.err()).contains("unknown command 'frobnicate'");

		Result option = run("--frobnicate");
		assertThat(option.code()).isEqualTo(2);
		assertThat(option.err()).contains("unknown option '--frobnicate'");
		assertThat(option.out()).doesNotContain("Started MixrecApplication");
	}

	@Test
	void fitUsesTheSimdKernelsWithoutJvmFlags() throws Exception {
		Path ratings = this.dir.resolve("ratings.tsv");
		assertThat(run("generate", "--users", "60", "--items", "20", "--ratings", "400", "--clusters", "2", "--out",
				ratings.toString())
			.code()).isZero();

		Result fit = run("fit", "--ratings", ratings.toString(), "--clusters", "2", "--preset", "classic",
				"--max-iterations", "3");

		assertThat(fit.code()).as(fit.err()).isZero();
		assertThat(fit.err()).contains("mixrec fit: EM kernels SIMD");
	}

	private Result run(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						Path.of("target", "mixrec.jar").toAbsolutePath().toString()));
		command.addAll(List.of(args));
		Path out = this.dir.resolve("out.txt");
		Path err = this.dir.resolve("err.txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		// the JVM of this test has the module; a user's plain 'java -jar' has not
		builder.environment().remove("JDK_JAVA_OPTIONS");
		builder.environment().remove(VectorRelaunch.CHILD_MARKER);
		Process process = builder.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("java -jar mixrec.jar " + String.join(" ", args) + " did not exit in 120 s");
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private record Result(int code, String out, String err) {

	}

}
