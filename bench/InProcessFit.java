import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleFit;
import io.mixrec.em.EnsembleFitter;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSetup;
import io.mixrec.em.FitResult;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.RatingMatrix;

/**
 * The in-process side of bench/spark-refit.sh: the engine's classic or ensemble fit of a
 * tab-separated user, item, rating file, users and items numbered in the order of their
 * ids as the Spark job numbers them (so both fits start from the same initialisation).
 * The ensemble takes K for its user mixture and ITERATIONS for every part, as the Spark
 * job's --clusters and --max-iterations set them.
 *
 * java --add-modules jdk.incubator.vector -cp target/mixrec-engine.jar bench/InProcessFit.java FILE K ITERATIONS SEED [classic|ensemble]
 */
public class InProcessFit {

	public static void main(String[] args) throws Exception {
		long started = System.nanoTime();
		List<String> lines = Files.readAllLines(Path.of(args[0]));
		TreeMap<Long, Integer> users = new TreeMap<>();
		TreeMap<Long, Integer> items = new TreeMap<>();
		long[] user = new long[lines.size()];
		long[] item = new long[lines.size()];
		float[] value = new float[lines.size()];
		for (int k = 0; k < lines.size(); k++) {
			String[] f = lines.get(k).split("\t");
			user[k] = Long.parseLong(f[0]);
			item[k] = Long.parseLong(f[1]);
			value[k] = Float.parseFloat(f[2]);
			users.put(user[k], 0);
			items.put(item[k], 0);
		}
		number(users);
		number(items);
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int k = 0; k < user.length; k++) {
			builder.add(users.get(user[k]), items.get(item[k]), value[k]);
		}
		RatingMatrix matrix = builder.build(users.size(), items.size());
		lines = null;
		long loaded = System.nanoTime();
		if (args.length > 4 && args[4].equals("ensemble")) {
			ensemble(matrix, args, loaded, started);
			return;
		}
		EmOptions options = EmOptions.classic(Integer.parseInt(args[1]))
			.toBuilder()
			.maxIterations(Integer.parseInt(args[2]))
			.seed(Long.parseLong(args[3]))
			.threads(2)
			.build();
		long[] last = { loaded };
		FitResult fit = new MixtureFitter(options).listener((restart, iteration, objective, elapsed) -> {
			long now = System.nanoTime();
			System.out.printf("iteration %3d objective %.6f %.3f s%n", iteration, objective, (now - last[0]) / 1e9);
			last[0] = now;
		}).fit(matrix);
		long done = System.nanoTime();
		System.out.printf("in-process: %d users, %d items, %d ratings; load %.1f s, fit %.2f s, %d iterations, "
				+ "objective %.6f%n", matrix.users(), matrix.items(), matrix.ratings(), (loaded - started) / 1e9,
				(done - loaded) / 1e9, fit.iterations(), fit.objective());
		System.out.println("trace " + Arrays.toString(fit.objectiveTrace()));
	}

	private static void ensemble(RatingMatrix matrix, String[] args, long loaded, long started) {
		EnsembleOptions options = EnsembleSetup
			.of(Integer.parseInt(args[1]), null, Integer.parseInt(args[2]), Long.parseLong(args[3]), 2)
			.options();
		long[] last = { loaded };
		EnsembleFit fit = new EnsembleFitter(options).listener((part, restart, iteration, objective, elapsed) -> {
			long now = System.nanoTime();
			System.out.printf("%s restart %d iteration %3d objective %.6f %.3f s%n", part, restart, iteration,
					objective, (now - last[0]) / 1e9);
			last[0] = now;
		}).fit(matrix);
		long done = System.nanoTime();
		System.out.printf("in-process ensemble: %d users, %d items, %d ratings; load %.1f s, fit %.2f s, "
				+ "%d iterations%n", matrix.users(), matrix.items(), matrix.ratings(), (loaded - started) / 1e9,
				(done - loaded) / 1e9, fit.totalIterations());
		for (EnsembleFitter.PartFit part : fit.parts()) {
			System.out.println("trace " + part.part() + " " + part.restart() + " " + Arrays.toString(part.trace()));
		}
	}

	private static void number(TreeMap<Long, Integer> ids) {
		int next = 0;
		for (Long id : ids.keySet()) {
			ids.put(id, next++);
		}
	}

}
