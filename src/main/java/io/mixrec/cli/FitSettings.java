package io.mixrec.cli;

import java.util.Set;

import io.mixrec.em.EmOptions;

/**
 * The options {@code evaluate} and {@code fit} share, turned into {@link EmOptions}: a
 * preset, then any explicit overrides.
 */
final class FitSettings {

	static final Set<String> OPTIONS = Set.of("preset", "clusters", "restarts", "seed", "threads", "max-iterations",
			"tolerance");

	static final String USAGE = """
			  --preset classic|default  classic EM of design.md 1.1, or the tuned preset (default: default)
			  --restarts R              independent initialisations, best objective wins (default 1)
			  --seed S                  master seed (default 0)
			  --threads T               worker threads; results do not depend on it (default: cores)
			  --max-iterations N        E-step limit (preset default: classic 1000, default 200)
			  --tolerance T             relative objective tolerance (default 1e-6)
			""";

	private FitSettings() {
	}

	/**
	 * @param line parsed options
	 * @param defaultClusters K when {@code --clusters} is absent; 0 makes it required
	 * @return validated options
	 */
	static EmOptions options(CommandLine line, int defaultClusters) {
		int clusters = (defaultClusters > 0) ? line.intValue("clusters", defaultClusters, 1)
				: line.requiredInt("clusters", 1);
		String preset = preset(line);
		EmOptions base = preset.equals("classic") ? EmOptions.classic(clusters) : EmOptions.defaults(clusters);
		return base.toBuilder()
			.restarts(line.intValue("restarts", base.restarts(), 1))
			.seed(line.longValue("seed", base.seed(), Long.MIN_VALUE, Long.MAX_VALUE))
			.threads(line.intValue("threads", base.threads(), 1))
			.maxIterations(line.intValue("max-iterations", base.maxIterations(), 1))
			.relativeTolerance(line.doubleValue("tolerance", base.relativeTolerance(), 0))
			.build();
	}

	static String preset(CommandLine line) {
		return line.choice("preset", "default", "classic", "default");
	}

}
