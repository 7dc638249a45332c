package io.mixrec.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.mixrec.em.PlantedMixture;

/**
 * {@code generate}: writes a {@link PlantedMixture} rating set, streaming, so files far
 * larger than the heap can be produced.
 */
final class GenerateCommand {

	static final String NAME = "generate";

	static final String USAGE = """
			usage: java -jar mixrec.jar generate --users N --items D --ratings R --clusters K --out FILE [options]
			Writes a planted-mixture rating set: Zipf(1) item popularity, heavy-tailed user activity,
			one planted cluster per user, ratings in half stars from 1 to 5, no duplicate pairs.
			Ids are 1-based numbers; timestamps are synthetic and increase by one per rating.
			  --users N                 users (required); users drawn to have no rating are absent
			  --items D                 items (required)
			  --ratings R               ratings, exactly (required; at most N x ceil(D / 2))
			  --clusters K              planted clusters (required)
			  --seed S                  seed; the same seed gives the same file (default 0)
			  --out FILE                output file (required)
			  --format tsv|csv          tsv: u.data style with a timestamp column;
			                            csv: header userId,itemId,rating,timestamp (default tsv)
			""";

	private static final Set<String> OPTIONS = Set.of("users", "items", "ratings", "clusters", "seed", "out", "format");

	/** 1998-01-01T00:00:00Z, near the MovieLens 100K timestamps. */
	private static final long FIRST_TIMESTAMP = 883_612_800L;

	private GenerateCommand() {
	}

	static Set<String> optionNames() {
		return OPTIONS;
	}

	static int run(CommandOptions line, PrintStream out) throws IOException {
		int users = line.requiredInt("users", 1);
		int items = line.requiredInt("items", 1);
		line.required("ratings");
		long ratings = line.longValue("ratings", 0, 0, Integer.MAX_VALUE - 8);
		int clusters = line.requiredInt("clusters", 1);
		long seed = line.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
		Path file = Path.of(line.required("out"));
		boolean csv = line.choice("format", "tsv", "tsv", "csv").equals("csv");
		PlantedMixture planted;
		try {
			planted = new PlantedMixture(users, items, ratings, clusters, seed);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
		long started = System.nanoTime();
		char separator = csv ? ',' : '\t';
		try (Writer writer = new BufferedWriter(
				new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
			if (csv) {
				writer.write("userId,itemId,rating,timestamp\n");
			}
			StringBuilder row = new StringBuilder(64);
			long[] written = new long[1];
			planted.generate((user, item, rating) -> {
				row.setLength(0);
				row.append(user + 1).append(separator).append(item + 1).append(separator);
				appendRating(row, rating);
				row.append(separator).append(FIRST_TIMESTAMP + written[0]++).append('\n');
				try {
					writer.append(row);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		out.printf(Locale.ROOT, "wrote %d ratings (%d users, %d items, K=%d, seed %d) to %s in %.2f s%n", ratings,
				users, items, clusters, seed, file, (System.nanoTime() - started) / 1e9);
		return 0;
	}

	/** Half stars as "4" or "3.5", without the cost of float formatting. */
	private static void appendRating(StringBuilder row, float rating) {
		int halves = Math.round(rating * 2);
		row.append(halves / 2);
		if (halves % 2 != 0) {
			row.append(".5");
		}
	}

}
