package io.mixrec.cli;

import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Gives {@code java -jar mixrec.jar} the EM engine's SIMD kernels without extra flags.
 * They need the incubating {@code jdk.incubator.vector} module, which a JVM only loads
 * when started with {@code --add-modules jdk.incubator.vector}, and neither a jar
 * manifest nor code can add it to a running JVM. So when the module is missing from the
 * running JVM but present in the JDK, {@link #relaunchIfNeeded} runs the same command
 * line again in a child JVM with the module, and this JVM only waits for the child:
 * standard streams are shared, the child's exit code is returned, and a SIGTERM or Ctrl-C
 * to this JVM stops the child gracefully. The child ends itself if this JVM dies.
 *
 * <p>
 * No relaunch with {@code -Dmixrec.vector=false}, {@code MIXREC_RELAUNCH=false} in the
 * environment, in a child already, or when the JDK has no such module (the scalar kernels
 * run then; {@code io.mixrec.em.Kernels#describe} says why).
 */
public final class VectorRelaunch {

	static final String MODULE = "jdk.incubator.vector";

	/** Set in the child's environment: never relaunch twice. */
	static final String CHILD_MARKER = "MIXREC_RELAUNCHED_WITH_VECTOR_MODULE";

	private static final String SWITCH = "MIXREC_RELAUNCH";

	private VectorRelaunch() {
	}

	/**
	 * Runs this program again with the module if it is missing here and available.
	 * @return the child's exit code when it ran; empty when this JVM should go on itself
	 */
	public static OptionalInt relaunchIfNeeded() {
		if (System.getenv(CHILD_MARKER) != null) {
			watchParent();
			return OptionalInt.empty();
		}
		Optional<List<String>> command = command();
		if (command.isEmpty()) {
			return OptionalInt.empty();
		}
		ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
		builder.environment().put(CHILD_MARKER, "1");
		try {
			Process child = builder.start();
			Thread stopChild = new Thread(() -> stop(child), "mixrec-relaunch-stop");
			Runtime.getRuntime().addShutdownHook(stopChild);
			int code = child.waitFor();
			return OptionalInt.of(code);
		}
		catch (Exception ex) {
			System.err.println("mixrec: could not start a JVM with " + MODULE + " (" + ex
					+ "); going on with the scalar EM kernels");
			return OptionalInt.empty();
		}
	}

	/**
	 * The child's command line: this one, with {@code --add-modules} first.
	 * @return empty if no relaunch is needed or possible
	 */
	static Optional<List<String>> command() {
		if (!wanted()) {
			return Optional.empty();
		}
		ProcessHandle.Info info = ProcessHandle.current().info();
		Optional<String> executable = info.command();
		Optional<String[]> arguments = info.arguments();
		if (executable.isEmpty() || arguments.isEmpty()) {
			return Optional.empty();
		}
		List<String> command = new ArrayList<>();
		command.add(executable.get());
		command.add("--add-modules=" + MODULE);
		command.addAll(List.of(arguments.get()));
		return Optional.of(command);
	}

	private static boolean wanted() {
		return ModuleLayer.boot().findModule(MODULE).isEmpty() && ModuleFinder.ofSystem().find(MODULE).isPresent()
				&& Boolean.parseBoolean(System.getProperty("mixrec.vector", "true"))
				&& !"false".equalsIgnoreCase(System.getenv(SWITCH));
	}

	private static void stop(Process child) {
		if (!child.isAlive()) {
			return;
		}
		child.destroy();
		try {
			if (!child.waitFor(60, TimeUnit.SECONDS)) {
				child.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A child whose parent was killed (SIGKILL) shuts down instead of running on. */
	private static void watchParent() {
		ProcessHandle.current().parent().ifPresent((parent) -> parent.onExit().thenRun(() -> {
			System.err.println("mixrec: the launching JVM ended; shutting down");
			System.exit(143);
		}));
	}

}
