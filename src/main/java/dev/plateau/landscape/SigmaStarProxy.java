package dev.plateau.landscape;

import dev.plateau.space.NoiseGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * σ*: the noise level, in the deployment geometry, at which the mean loss over {@code draws} noise
 * draws reaches (1 + target)·L(w) — the PAC-Bayes flatness analogue (Jiang et al. 2019; the
 * reference code bisects σ with 10 Monte Carlo samples). Bisection on log σ over [1e-4, 10] with the
 * same draws at every step (common random numbers), so the mean loss is smooth in σ. Larger is flatter.
 */
public record SigmaStarProxy(NoiseGeometry geometry, double target, int draws, int steps, int samples) implements Proxy {
    private static final double LOW = 1e-4, HIGH = 10;

    @Override
    public List<ProxyValue> measure(LossSurface s, long seed) {
        return List.of(s.measured("sigma_star", () -> {
            INDArray w0 = s.weights();
            INDArray scale = s.scale(geometry);
            SplittableRandom rng = new SplittableRandom(seed);
            List<INDArray> z = new ArrayList<>();
            for (int k = 0; k < draws; k++) z.add(HessianSpectrum.gaussian(s.dimension(), rng).muli(scale));
            double goal = (1 + target) * s.loss(w0);
            double lo = Math.log(LOW), hi = Math.log(HIGH);
            if (meanLoss(s, w0, z, HIGH) < goal) return HIGH;
            for (int i = 0; i < steps; i++) {
                double mid = 0.5 * (lo + hi);
                if (meanLoss(s, w0, z, Math.exp(mid)) < goal) lo = mid;
                else hi = mid;
            }
            return Math.exp(0.5 * (lo + hi));
        }));
    }

    private static double meanLoss(LossSurface s, INDArray w0, List<INDArray> z, double sigma) {
        double sum = 0;
        for (INDArray d : z) {
            double l = s.loss(w0.add(d.mul(sigma)));
            sum += Double.isFinite(l) ? l : Double.MAX_VALUE / z.size();
        }
        return sum / z.size();
    }
}
