package dev.plateau.landscape;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * tr(H) ≈ mean of vᵀHv over a fixed number of Rademacher probes v, with the sample variance and
 * standard error. A fixed count, not PyHessian's stop-when-the-mean-settles rule, which can stop after
 * two probes (flatness-proxies.md §1).
 */
public final class HutchinsonTrace {
    public record Result(double trace, double variance, double standardError, int probes) {}

    private HutchinsonTrace() {}

    public static Result estimate(LossSurface surface, int probes, long seed) {
        INDArray w = surface.weights();
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0, sumSq = 0;
        for (int p = 0; p < probes; p++) {
            double[] r = new double[surface.dimension()];
            for (int i = 0; i < r.length; i++) r[i] = rng.nextBoolean() ? 1 : -1;
            INDArray v = Nd4j.createFromArray(r);
            double q = v.mul(surface.hvp(w, v)).sumNumber().doubleValue();
            sum += q;
            sumSq += q * q;
        }
        double mean = sum / probes;
        double variance = probes > 1 ? (sumSq - probes * mean * mean) / (probes - 1) : Double.NaN;
        return new Result(mean, variance, Math.sqrt(variance / probes), probes);
    }
}
