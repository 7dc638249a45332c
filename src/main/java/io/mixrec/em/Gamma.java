package io.mixrec.em;

import java.util.SplittableRandom;

/**
 * Gamma-distributed draws with unit scale (Marsaglia and Tsang 2000): for shape a &gt;=
 * 1, with {@code d = a - 1/3} and {@code c = 1 / sqrt(9 d)}, draw a standard normal x and
 * uniform U until {@code v = (1 + c x)^3 > 0} and
 * {@code log U < x^2 / 2 + d - d v + d log v}, then return {@code d v}; for a &lt; 1,
 * {@code Gamma(a + 1) U^(1/a)}.
 */
final class Gamma {

	private Gamma() {
	}

	/**
	 * @param random the stream
	 * @param shape a &gt; 0
	 * @return a Gamma(shape, 1) draw
	 */
	static double draw(SplittableRandom random, double shape) {
		if (shape < 1) {
			return draw(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
		}
		double d = shape - 1.0 / 3;
		double c = 1 / Math.sqrt(9 * d);
		while (true) {
			double x = random.nextGaussian();
			double v = 1 + c * x;
			if (v <= 0) {
				continue;
			}
			v = v * v * v;
			double u = random.nextDouble();
			if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
				return d * v;
			}
		}
	}

}
