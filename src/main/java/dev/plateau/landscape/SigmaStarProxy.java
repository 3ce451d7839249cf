package dev.plateau.landscape;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.ProxyVocabulary;
import dev.plateau.space.SpaceViolation;
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

    public static final ProxyFamily<Settings> FAMILY = ProxyFamily.of("sigma_star", "sigma_star", Settings.class,
            (s, c) -> new SigmaStarProxy(c.geometry(), s.target(), s.draws(), s.steps(), s.samples()), "sigma_star");

    /** {@code proxy.sigma_star}: the loss rise sought, noise draws, bisection steps, validation rows. */
    public record Settings(@JsonProperty("target") Double target, @JsonProperty("draws") Integer draws,
                           @JsonProperty("steps") Integer steps, @JsonProperty("samples") Integer samples) implements ProxyVocabulary.Settings {
        public Settings {
            if (target == null) target = 1.0;
            if (draws == null) draws = 8;
            if (steps == null) steps = 12;
            if (samples == null) samples = 256;
        }

        @Override
        public void validate(String at) {
            SpaceViolation.require(target > 0 && draws >= 1 && steps >= 1, at, "needs target > 0, draws >= 1 and steps >= 1",
                    "use e.g. {target: 1.0, draws: 8, steps: 12}");
        }
    }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        return List.of(s.measured("sigma_star", () -> {
            INDArray w0 = s.weights();
            INDArray scale = s.scale(geometry);
            SplittableRandom rng = new SplittableRandom(context.seed());
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
