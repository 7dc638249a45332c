package io.mixrec.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import io.mixrec.em.PlantedMixture;
import io.mixrec.em.RatingMatrix;

/** Rating files for the tests, and the in-process matrix of one. */
final class Ratings {

	static final Path ML_100K = Path.of("/work/shared/data/ml-100k/u1.base");

	private Ratings() {
	}

	/**
	 * @param directory where to write a generated set if ML-100K is not on this machine
	 * @return ML-100K's u1.base (tab-separated user, item, rating, time), or a planted
	 * set of the same shape
	 */
	static Path movieLensOrPlanted(Path directory) {
		if (Files.isReadable(ML_100K)) {
			return ML_100K;
		}
		Path file = directory.resolve("planted-80k.tsv");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			new PlantedMixture(943, 1682, 80_000, 8, 1).generate((user, item, value) -> {
				try {
					out.write((user + 1) + "\t" + (item + 1) + "\t" + value + "\n");
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/**
	 * The matrix an in-process fit of a tab-separated file uses: users and items numbered
	 * in the order of their ids, as the Spark job numbers them.
	 */
	static Indexed read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		TreeMap<Long, Integer> users = new TreeMap<>();
		TreeMap<Long, Integer> items = new TreeMap<>();
		long[][] triples = new long[lines.size()][];
		float[] values = new float[lines.size()];
		for (int k = 0; k < lines.size(); k++) {
			String[] f = lines.get(k).split("\t");
			triples[k] = new long[] { Long.parseLong(f[0]), Long.parseLong(f[1]) };
			values[k] = Float.parseFloat(f[2]);
			users.put(triples[k][0], 0);
			items.put(triples[k][1], 0);
		}
		number(users);
		number(items);
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int k = 0; k < triples.length; k++) {
			builder.add(users.get(triples[k][0]), items.get(triples[k][1]), values[k]);
		}
		long[] itemIds = items.keySet().stream().mapToLong(Long::longValue).toArray();
		return new Indexed(builder.build(users.size(), items.size()), itemIds);
	}

	private static void number(TreeMap<Long, Integer> ids) {
		int next = 0;
		for (Long id : ids.keySet()) {
			ids.put(id, next++);
		}
	}

	record Indexed(RatingMatrix matrix, long[] itemIds) {
	}

}
