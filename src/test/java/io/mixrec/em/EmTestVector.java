package io.mixrec.em;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of the classic-EM test vectors in {@code src/test/resources/em}, produced by an
 * independent implementation of design.md 1.1.
 */
record EmTestVector(String name, JsonNode json) {

	static final String[] NAMES = { "single-cluster-k1", "small-k3", "sparse-k5", "edge-empty-user-and-item-k4" };

	static EmTestVector load(String name) {
		try (InputStream in = EmTestVector.class.getResourceAsStream("/em/" + name + ".json")) {
			if (in == null) {
				throw new IllegalStateException("missing test vector " + name);
			}
			return new EmTestVector(name, JsonMapper.builder().build().readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int users() {
		return this.json.get("users").asInt();
	}

	int items() {
		return this.json.get("items").asInt();
	}

	int clusters() {
		return this.json.get("clusters").asInt();
	}

	RatingMatrix matrix() {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (JsonNode triple : this.json.get("ratings")) {
			builder.add(triple.get(0).asInt(), triple.get(1).asInt(), (float) triple.get(2).asDouble());
		}
		return builder.build(users(), items());
	}

	/**
	 * @return the mixture under {@code section} ("initial", "afterFirstMStep",
	 * "converged")
	 */
	MixtureModel mixture(String section) {
		JsonNode node = this.json.get(section);
		return MixtureModel.of(Baseline.none(items()), vector(node.get("weights")), vector(node.get("variances")),
				itemMajor(node.get("means")), new double[0], 1, 3.5);
	}

	double[][] firstPosterior() {
		JsonNode rows = this.json.get("afterFirstEStep").get("posterior");
		double[][] posterior = new double[rows.size()][];
		for (int u = 0; u < rows.size(); u++) {
			posterior[u] = vector(rows.get(u));
		}
		return posterior;
	}

	double firstLogLikelihood() {
		return this.json.get("afterFirstEStep").get("logLikelihood").asDouble();
	}

	double[] logLikelihoodTrace() {
		return vector(this.json.get("converged").get("logLikelihoods"));
	}

	JsonNode predictions() {
		return this.json.get("converged").get("predictions");
	}

	/** Converts means given as [cluster][item] into the engine's item-major layout. */
	private double[] itemMajor(JsonNode means) {
		int k = clusters();
		int d = items();
		double[] flat = new double[d * k];
		for (int j = 0; j < k; j++) {
			for (int i = 0; i < d; i++) {
				flat[i * k + j] = means.get(j).get(i).asDouble();
			}
		}
		return flat;
	}

	static double[] vector(JsonNode array) {
		double[] values = new double[array.size()];
		for (int k = 0; k < values.length; k++) {
			values[k] = array.get(k).asDouble();
		}
		return values;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
