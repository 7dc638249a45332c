package io.mixrec.em;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ensemble fitted over parts gives the in-process fit's biases, traces and parameters
 * (to 1e-9 relative), whichever way the users and items are cut into parts; every
 * function a part runs survives Java serialization, as Spark ships it.
 */
class DistributedEnsembleTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(700, 60, 0.15, 4, 42);

	private static final EnsembleOptions OPTIONS = EnsembleOptions.defaults()
		.withUsers(EnsembleOptions.defaults().users().withClusters(4).withRestarts(2).withMaxIterations(40))
		.withItems(EnsembleOptions.defaults().items().withClusters(3).withRestarts(2).withMaxIterations(40))
		.withAspects(EnsembleOptions.defaults().aspects().withClusters(5).withRestarts(2).withMaxIterations(30))
		.withThreads(2)
		.withSeed(9);

	@ParameterizedTest(name = "rows per part: {0}")
	@ValueSource(ints = { 100, 256, 1000 })
	void matchesTheInProcessFit(int partRows) {
		EnsembleFit local = new EnsembleFitter(OPTIONS).fit(DATA);
		InMemory cluster = new InMemory(partRows);
		EnsembleFit remote = new DistributedEnsemble(OPTIONS).fit(cluster, cluster.totals());

		EnsembleModel a = remote.model();
		EnsembleModel e = local.model();
		assertClose(new double[] { a.baseline().globalMean() }, new double[] { e.baseline().globalMean() });
		assertClose(a.baseline().itemBias(), e.baseline().itemBias());
		assertThat(remote.parts()).hasSameSizeAs(local.parts());
		for (int p = 0; p < local.parts().size(); p++) {
			EnsembleFitter.PartFit r = remote.parts().get(p);
			EnsembleFitter.PartFit l = local.parts().get(p);
			assertThat(r.part()).isEqualTo(l.part());
			assertThat(r.restart()).isEqualTo(l.restart());
			assertThat(r.converged()).isEqualTo(l.converged());
			assertClose(r.trace(), l.trace());
		}
		assertThat(remote.clusterUsers()).containsExactly(local.clusterUsers());
		for (int r = 0; r < e.userMixtures().size(); r++) {
			EnsembleModel.UserMixture ra = a.userMixtures().get(r);
			EnsembleModel.UserMixture re = e.userMixtures().get(r);
			assertClose(ra.weights(), re.weights());
			assertClose(ra.variances(), re.variances());
			assertClose(ra.means(), re.means());
			assertClose(ra.support(), re.support());
		}
		for (int r = 0; r < e.itemMixtures().size(); r++) {
			assertClose(a.itemMixtures().get(r).membership(), e.itemMixtures().get(r).membership());
		}
		for (int r = 0; r < e.aspectModels().size(); r++) {
			assertClose(a.aspectModels().get(r).phi(), e.aspectModels().get(r).phi());
		}
	}

	static void assertClose(double[] actual, double[] expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int k = 0; k < expected.length; k++) {
			double scale = Math.max(Math.abs(expected[k]), Math.abs(actual[k]));
			assertThat(Math.abs(actual[k] - expected[k])).as("entry %d: %s vs %s", k, actual[k], expected[k])
				.isLessThanOrEqualTo(1e-9 * scale + 1e-300);
		}
	}

	/** The parts in this JVM; every part function makes a serialization round trip. */
	private static final class InMemory implements DistributedEnsemble.Cluster {

		private final int partRows;

		private Rows users;

		private Rows items;

		private RatingMatrix residuals;

		InMemory(int partRows) {
			this.partRows = partRows;
			this.users = new Rows(split(DATA, DATA.valueArray(), partRows));
		}

		DistributedEm.Totals totals() {
			DistributedEm.Totals t = DistributedEm.Totals.empty(DATA.items());
			for (Part p : this.users.parts) {
				t.merge(DistributedEm.totals(p.matrix()));
			}
			return t;
		}

		@Override
		public DistributedEnsemble.Rows users() {
			return this.users;
		}

		@Override
		public void useResiduals(double globalMean, double[] itemBias, double userDamping) {
			List<Part> parts = new ArrayList<>();
			float[] all = new float[DATA.ratings()];
			for (Part p : this.users.parts) {
				float[] values = DistributedEnsemble.residuals(p.matrix(), globalMean, itemBias, userDamping);
				System.arraycopy(values, 0, all, DATA.start(p.first()), values.length);
				parts.add(new Part(p.first(),
						RatingMatrix.of(DATA.items(), rowStart(p.matrix()), p.matrix().itemArray(), values)));
			}
			this.users = new Rows(parts);
			this.residuals = RatingMatrix.of(DATA.items(), rowStart(DATA), DATA.itemArray(), all);
		}

		@Override
		public DistributedEnsemble.Rows items() {
			if (this.items == null) {
				RatingMatrix transposed = this.residuals.transpose(this.residuals.valueArray());
				this.items = new Rows(split(transposed, transposed.valueArray(), this.partRows));
			}
			return this.items;
		}

		private static int[] rowStart(RatingMatrix m) {
			int[] start = new int[m.users() + 1];
			for (int u = 0; u < m.users(); u++) {
				start[u + 1] = m.end(u);
			}
			return start;
		}

		/** Consecutive rows of m, {@code size} per part. */
		private static List<Part> split(RatingMatrix m, float[] values, int size) {
			List<Part> parts = new ArrayList<>();
			for (int from = 0; from < m.users(); from += size) {
				int to = Math.min(m.users(), from + size);
				int offset = m.start(from);
				int end = m.end(to - 1);
				int[] rowStart = new int[to - from + 1];
				for (int u = from; u < to; u++) {
					rowStart[u - from + 1] = m.end(u) - offset;
				}
				int[] items = java.util.Arrays.copyOfRange(m.itemArray(), offset, end);
				float[] part = java.util.Arrays.copyOfRange(values, offset, end);
				parts.add(new Part(from, RatingMatrix.of(m.items(), rowStart, items, part)));
			}
			return parts;
		}

	}

	private record Rows(List<Part> parts) implements DistributedEnsemble.Rows {

		@Override
		public <T extends Serializable> List<T> collect(DistributedEnsemble.PartFunction<T> function) {
			DistributedEnsemble.PartFunction<T> shipped = roundTrip(function);
			List<T> results = new ArrayList<>();
			for (Part p : this.parts) {
				results.add(roundTrip(shipped.apply(p.matrix(), p.first())));
			}
			return results;
		}

		@Override
		public double[] sum(DistributedEnsemble.PartFunction<double[]> function) {
			double[] total = null;
			for (double[] part : collect(function)) {
				if (total == null) {
					total = part.clone();
				}
				else {
					for (int i = 0; i < total.length; i++) {
						total[i] += part[i];
					}
				}
			}
			return total;
		}

		@Override
		public DistributedEm.Parts mixture(int clusters) {
			List<DistributedEm.PartPass> passes = new ArrayList<>();
			this.parts.forEach((p) -> passes.add(new DistributedEm.PartPass(p.matrix(), clusters)));
			int columns = this.parts.get(0).matrix().items();
			return new DistributedEm.Parts() {

				@Override
				public DistributedEm.Statistics expectation(DistributedEm.State state) {
					DistributedEm.State shipped = roundTrip(state);
					DistributedEm.Statistics total = DistributedEm.Statistics.empty(clusters, columns);
					passes.forEach((p) -> total.merge(roundTrip(DistributedEm.expectation(shipped, p))));
					return total;
				}

				@Override
				public DistributedEm.Statistics randomPosteriors(long restartSeed) {
					throw new UnsupportedOperationException("the ensemble starts from k-means++");
				}

			};
		}

		@Override
		public <S extends Serializable> DistributedEnsemble.Stateful<S> stateful(
				DistributedEnsemble.PartFunction<S> initial) {
			List<S> states = new ArrayList<>(collect(initial));
			List<S> next = new ArrayList<>();
			List<Part> parts = this.parts;
			return new DistributedEnsemble.Stateful<>() {

				@Override
				public double[] step(DistributedEnsemble.StepFunction<S> step) {
					DistributedEnsemble.StepFunction<S> shipped = roundTrip(step);
					next.clear();
					double[] total = null;
					for (int p = 0; p < parts.size(); p++) {
						DistributedEnsemble.Step<S> result = roundTrip(
								shipped.apply(parts.get(p).matrix(), parts.get(p).first(), states.get(p)));
						next.add(result.state());
						if (total == null) {
							total = result.sums().clone();
						}
						else {
							for (int i = 0; i < total.length; i++) {
								total[i] += result.sums()[i];
							}
						}
					}
					return total;
				}

				@Override
				public void advance() {
					states.clear();
					states.addAll(next);
				}

				@Override
				public void close() {
					states.clear();
				}

			};
		}

	}

	private record Part(int first, RatingMatrix matrix) {
	}

	@SuppressWarnings("unchecked")
	static <T> T roundTrip(T value) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
				out.writeObject(value);
			}
			try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
				return (T) in.readObject();
			}
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
