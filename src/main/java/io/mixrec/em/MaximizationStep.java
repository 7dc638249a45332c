package io.mixrec.em;

/**
 * The M-step, and the log-prior that makes the penalised objective the quantity EM never
 * decreases.
 *
 * <p>
 * With {@code n} users, {@code D} items, statistics as in {@link SufficientStatistics},
 * prior means {@code m_i} (0 on residuals, the item's mean on raw ratings), mean prior
 * strength {@code lambda}, Dirichlet concentration {@code alpha}, presence smoothing
 * {@code beta} and tempering {@code tau}, the update is
 *
 * <pre>
 * p_j    = (N_j + alpha - 1) / (n + K (alpha - 1))
 * mu_ji  = (S_ji + lambda m_i) / (W_ji + lambda)                    if lambda &gt; 0
 *        = S_ji / W_ji   if W_ji &gt;= minWeight, else unchanged        if lambda = 0 (classic)
 * var_j  = max(floor, [Q_j - 2 sum_i mu_ji S_ji + sum_i mu_ji^2 W_ji + lambda sum_i (mu_ji - m_i)^2] / M_j)
 *          (unchanged when M_j = 0)
 * pi_ji  = (W_ji + beta) / (M_j + D beta)
 * </pre>
 *
 * using the new means in the variance. W, S, M and Q count a user for cluster j only
 * where {@code post_uj >= 1e-12} ({@link SufficientStatistics#NEGLIGIBLE}), N counts
 * every user; this truncation keeps the M-step sparse and moves the objective by far less
 * than the tolerance. Each line maximises, given the others, the expected complete-data
 * log-likelihood plus
 *
 * <pre>
 * log prior = (alpha - 1) sum_j log p_j  -  sum_j lambda / (2 var_j) sum_i (mu_ji - m_i)^2
 *             + tau beta sum_j sum_i log pi_ji
 * </pre>
 *
 * (the mean prior is N(m_i, var_j / lambda) with the improper variance factor
 * {@code var_j^(D/2)} that cancels its normaliser, so lambda acts as pseudo-ratings that
 * add squared error but no count). The classic "unchanged" rule and the floor are partial
 * and constrained maximisations, so the penalised objective
 * {@code sum_u log sum_j exp(f_uj) + log prior} never decreases.
 */
final class MaximizationStep {

	private final EmOptions options;

	private final double[] priorMean;

	private final int users;

	MaximizationStep(EmOptions options, double[] priorMean, int users) {
		this.options = options;
		this.priorMean = priorMean;
		this.users = users;
	}

	/**
	 * Computes the next parameters.
	 * @param s statistics of the E-step under {@code current}
	 * @param current the parameters of that E-step (kept where a value is "unchanged")
	 * @param next receives the new parameters, derived constants included
	 */
	void apply(SufficientStatistics s, Parameters current, Parameters next) {
		int k = current.clusters;
		int d = current.items;
		double alpha = this.options.weightPrior();
		double lambda = this.options.meanPrior();
		double minWeight = this.options.meanUpdateMinWeight();
		double denominator = this.users + k * (alpha - 1);
		for (int j = 0; j < k; j++) {
			next.weight[j] = (denominator > 0) ? (s.weight[j] + alpha - 1) / denominator : 1.0 / k;
		}
		double[] squares = new double[k];
		for (int i = 0; i < d; i++) {
			double m = this.priorMean[i];
			int base = i * k;
			for (int j = 0; j < k; j++) {
				double w = s.itemWeight(i, j);
				double sum = s.itemSum(i, j);
				double mu;
				if (lambda > 0) {
					mu = (sum + lambda * m) / (w + lambda);
					double offset = mu - m;
					squares[j] += lambda * offset * offset;
				}
				else if (w >= minWeight && w > 0) {
					mu = sum / w;
				}
				else {
					mu = current.mean[base + j];
				}
				next.mean[base + j] = mu;
				squares[j] += mu * mu * w - 2 * mu * sum;
			}
		}
		double floor = this.options.varianceFloor();
		for (int j = 0; j < k; j++) {
			double ratings = s.ratingWeight[j];
			next.variance[j] = (ratings > 0) ? Math.max(floor, (s.squareSum[j] + squares[j]) / ratings)
					: current.variance[j];
		}
		if (next.hasPresence()) {
			double beta = this.options.presenceSmoothing();
			for (int i = 0; i < d; i++) {
				int base = i * k;
				for (int j = 0; j < k; j++) {
					next.presence[base + j] = (s.itemWeight(i, j) + beta) / (s.ratingWeight[j] + d * beta);
				}
			}
		}
		next.derive();
	}

	/**
	 * @param p parameters with derived constants
	 * @return the log prior of {@code p} as defined in the class comment (0 for classic)
	 */
	double logPrior(Parameters p) {
		int k = p.clusters;
		double total = 0;
		double alpha = this.options.weightPrior();
		if (alpha > 1) {
			for (int j = 0; j < k; j++) {
				total += (alpha - 1) * p.logWeight[j];
			}
		}
		double lambda = this.options.meanPrior();
		if (lambda > 0) {
			double scaled = p.ratingWeight * lambda;
			for (int i = 0; i < p.items; i++) {
				double m = this.priorMean[i];
				int base = i * k;
				for (int j = 0; j < k; j++) {
					double offset = p.mean[base + j] - m;
					total -= scaled * p.halfPrecision[j] * offset * offset;
				}
			}
		}
		if (p.hasPresence()) {
			double beta = this.options.presenceSmoothing();
			for (double weighted : p.weightedLogPresence) {
				total += beta * weighted;
			}
		}
		return total;
	}

}
