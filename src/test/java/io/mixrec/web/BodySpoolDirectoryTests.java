package io.mixrec.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services sharing a spool directory: one's start must not delete the body another is
 * still reading (a second context emptied the whole directory before), while what a
 * crashed process left behind is cleaned up.
 */
class BodySpoolDirectoryTests {

	@TempDir
	Path shared;

	@Test
	void aSecondSpoolLeavesTheFirstOnesFilesAlone() throws IOException {
		try (BodySpool first = new BodySpool(properties())) {
			Path inFlight = Files.createFile(only(processDirectories()).resolve("body-1.tmp"));
			try (BodySpool second = new BodySpool(properties())) {
				assertThat(inFlight).exists();
				assertThat(processDirectories()).hasSize(2);
			}
			assertThat(inFlight).exists();
			assertThat(processDirectories()).hasSize(1);
		}
		assertThat(processDirectories()).isEmpty();
	}

	@Test
	void theDirectoryOfAProcessThatIsGoneIsDeletedAtStart() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		Path left = Files.createDirectory(this.shared.resolve("process-" + ended.pid() + "-42"));
		Files.createFile(left.resolve("body-7.tmp"));
		Path running = Files.createDirectory(this.shared.resolve("process-" + ProcessHandle.current().pid() + "-43"));
		try (BodySpool spool = new BodySpool(properties())) {
			assertThat(left).doesNotExist();
			assertThat(running).exists();
		}
	}

	@Test
	void aDirectoryNameWithoutAProcessIdIsKept() {
		assertThat(BodySpool.processRuns("process-x-1")).isTrue();
		assertThat(BodySpool.processRuns("process-" + ProcessHandle.current().pid() + "-1")).isTrue();
	}

	private TransferProperties properties() {
		return new TransferProperties(DataSize.ofMegabytes(4), DataSize.ofGigabytes(2), DataSize.ofKilobytes(256),
				this.shared, DataSize.ofGigabytes(4), DataSize.ofKilobytes(16), java.time.Duration.ofSeconds(10),
				DataSize.ofMegabytes(1));
	}

	private List<Path> processDirectories() throws IOException {
		try (Stream<Path> files = Files.list(this.shared)) {
			return files.filter((path) -> path.getFileName().toString().startsWith("process-")).toList();
		}
	}

	private static Path only(List<Path> paths) {
		assertThat(paths).hasSize(1);
		return paths.get(0);
	}

}
