package io.mixrec.em;

/**
 * A deliberately naive EM on a dense n x d matrix with a mask, written straight from the
 * equations in the engine's Javadoc (no expansions, no blocks, no flat layouts), so that
 * the engine can be checked against it on tiny inputs.
 */
final class DenseOracle {

	final int n;

	final int d;

	final int k;

	final double[][] x;

	final boolean[][] observed;

	final EmOptions options;

	final double[] priorMean;

	double[] p;

	double[] var;

	double[][] mu;

	double[][] pi;

	double lastObjective;

	DenseOracle(RatingMatrix matrix, EmOptions options, MixtureModel initial) {
		this.n = matrix.users();
		this.d = matrix.items();
		this.k = options.clusters();
		this.options = options;
		this.x = new double[this.n][this.d];
		this.observed = new boolean[this.n][this.d];
		for (int u = 0; u < this.n; u++) {
			for (int i = 0; i < this.d; i++) {
				double value = matrix.get(u, i);
				if (!Double.isNaN(value)) {
					this.x[u][i] = value;
					this.observed[u][i] = true;
				}
			}
		}
		if (options.centering()) {
			center(options);
			this.priorMean = new double[this.d];
		}
		else {
			this.priorMean = new double[this.d];
			for (int i = 0; i < this.d; i++) {
				double sum = 0;
				int count = 0;
				for (int u = 0; u < this.n; u++) {
					if (this.observed[u][i]) {
						sum += this.x[u][i];
						count++;
					}
				}
				this.priorMean[i] = (count > 0) ? sum / count : matrix.mean();
			}
		}
		this.p = initial.weights();
		this.var = initial.variances();
		this.mu = new double[this.k][this.d];
		this.pi = new double[this.k][this.d];
		for (int j = 0; j < this.k; j++) {
			for (int i = 0; i < this.d; i++) {
				this.mu[j][i] = initial.mean(i, j);
				this.pi[j][i] = initial.presence(i, j);
			}
		}
	}

	/** Replaces x by residuals of damped biases fitted with item-then-user sweeps. */
	private void center(EmOptions o) {
		double sum = 0;
		int count = 0;
		for (int u = 0; u < this.n; u++) {
			for (int i = 0; i < this.d; i++) {
				if (this.observed[u][i]) {
					sum += this.x[u][i];
					count++;
				}
			}
		}
		double g = sum / count;
		double[] bu = new double[this.n];
		double[] bi = new double[this.d];
		for (int sweep = 0; sweep < o.biasSweeps(); sweep++) {
			for (int i = 0; i < this.d; i++) {
				double s = 0;
				int c = 0;
				for (int u = 0; u < this.n; u++) {
					if (this.observed[u][i]) {
						s += this.x[u][i] - g - bu[u];
						c++;
					}
				}
				bi[i] = s / (o.itemBiasDamping() + c);
			}
			for (int u = 0; u < this.n; u++) {
				double s = 0;
				int c = 0;
				for (int i = 0; i < this.d; i++) {
					if (this.observed[u][i]) {
						s += this.x[u][i] - g - bi[i];
						c++;
					}
				}
				bu[u] = (c > 0) ? s / (o.userBiasDamping() + c) : 0;
			}
		}
		for (int u = 0; u < this.n; u++) {
			for (int i = 0; i < this.d; i++) {
				if (this.observed[u][i]) {
					// the engine stores residuals as floats
					this.x[u][i] = (float) (this.x[u][i] - g - bu[u] - bi[i]);
				}
			}
		}
	}

	/**
	 * One E-step and M-step; remembers the objective of the parameters before the step.
	 */
	void iterate() {
		double[][] post = new double[this.n][this.k];
		double logLikelihood = 0;
		for (int u = 0; u < this.n; u++) {
			double[] f = new double[this.k];
			for (int j = 0; j < this.k; j++) {
				f[j] = Math.log(this.p[j]);
				for (int i = 0; i < this.d; i++) {
					if (this.observed[u][i]) {
						double diff = this.x[u][i] - this.mu[j][i];
						f[j] += this.options.ratingWeight()
								* (-0.5 * Math.log(2 * Math.PI * this.var[j]) - diff * diff / (2 * this.var[j]));
						if (this.options.presence()) {
							f[j] += this.options.presenceWeight() * Math.log(this.pi[j][i]);
						}
					}
				}
			}
			double max = Double.NEGATIVE_INFINITY;
			for (double v : f) {
				max = Math.max(max, v);
			}
			double total = 0;
			for (double v : f) {
				total += Math.exp(v - max);
			}
			double lse = max + Math.log(total);
			logLikelihood += lse;
			for (int j = 0; j < this.k; j++) {
				post[u][j] = Math.exp(f[j] - lse);
			}
		}
		this.lastObjective = logLikelihood + logPrior();
		maximize(post);
	}

	private double logPrior() {
		double total = 0;
		for (int j = 0; j < this.k; j++) {
			total += (this.options.weightPrior() - 1) * Math.log(this.p[j]);
			for (int i = 0; i < this.d; i++) {
				double offset = this.mu[j][i] - this.priorMean[i];
				total -= this.options.ratingWeight() * this.options.meanPrior() * offset * offset / (2 * this.var[j]);
				if (this.options.presence()) {
					total += this.options.presenceWeight() * this.options.presenceSmoothing() * Math.log(this.pi[j][i]);
				}
			}
		}
		return total;
	}

	private void maximize(double[][] post) {
		double alpha = this.options.weightPrior();
		double lambda = this.options.meanPrior();
		double beta = this.options.presenceSmoothing();
		for (int j = 0; j < this.k; j++) {
			double nj = 0;
			for (int u = 0; u < this.n; u++) {
				nj += post[u][j];
			}
			// the documented truncation: negligible posteriors take no part in item
			// statistics
			for (int u = 0; u < this.n; u++) {
				if (post[u][j] < 1e-12) {
					post[u][j] = 0;
				}
			}
			this.p[j] = (nj + alpha - 1) / (this.n + this.k * (alpha - 1));
			double ratings = 0;
			double[] w = new double[this.d];
			for (int i = 0; i < this.d; i++) {
				double s = 0;
				for (int u = 0; u < this.n; u++) {
					if (this.observed[u][i]) {
						w[i] += post[u][j];
						s += post[u][j] * this.x[u][i];
					}
				}
				ratings += w[i];
				if (lambda > 0) {
					this.mu[j][i] = (s + lambda * this.priorMean[i]) / (w[i] + lambda);
				}
				else if (w[i] >= this.options.meanUpdateMinWeight() && w[i] > 0) {
					this.mu[j][i] = s / w[i];
				}
			}
			double squares = 0;
			for (int u = 0; u < this.n; u++) {
				for (int i = 0; i < this.d; i++) {
					if (this.observed[u][i]) {
						double diff = this.x[u][i] - this.mu[j][i];
						squares += post[u][j] * diff * diff;
					}
				}
			}
			for (int i = 0; i < this.d; i++) {
				double offset = this.mu[j][i] - this.priorMean[i];
				squares += lambda * offset * offset;
			}
			if (ratings > 0) {
				this.var[j] = Math.max(this.options.varianceFloor(), squares / ratings);
			}
			if (this.options.presence()) {
				for (int i = 0; i < this.d; i++) {
					this.pi[j][i] = (w[i] + beta) / (ratings + this.d * beta);
				}
			}
		}
	}

}
