package dev.plateau.landscape;

import dev.plateau.space.NoiseGeometry;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Antithetic weight-noise curvature C = mean over K pairs of ½[L(w+δ) + L(w−δ)] − L(w), with
 * δ = σ·s⊙z and z standard normal (flatness-proxies.md §0). The gradient term cancels, so for small
 * σ, E[C] = ½σ²·Σ sᵢ²Hᵢᵢ: a forward-only Hutchinson estimate of the Hessian trace in the geometry s —
 * 1 (isotropic), |w| (multiplicative) or the range of each weight's tensor (layer range). The same
 * draws also give the metric-matched value {@code noise_curvature_metric} (the task metric's change,
 * "lower is better"), which the pilots found the better predictor.
 */
public record NoiseCurvatureProxy(NoiseGeometry geometry, double sigma, int pairs, int samples) implements Proxy {
    public static final String NAME = "noise_curvature";

    public NoiseCurvatureProxy {
        if (!(sigma > 0) || pairs < 1) throw new IllegalArgumentException("sigma must be > 0 and pairs >= 1");
    }

    @Override
    public List<ProxyValue> measure(LossSurface s, long seed) {
        return antithetic(s, NAME, s.scale(geometry).muli(sigma), pairs, seed);
    }

    /** The antithetic estimate for δ = scale⊙z, reported as {@code name} and {@code name_metric}. */
    static List<ProxyValue> antithetic(LossSurface s, String name, INDArray scale, int pairs, long seed) {
        INDArray w0 = s.weights();
        SplittableRandom rng = new SplittableRandom(seed);
        return ForwardProbe.meanIncrease(s, name, pairs, k -> {
            INDArray delta = HessianSpectrum.gaussian(s.dimension(), rng).muli(scale);
            return new double[][] {s.outputs(w0.add(delta)), s.outputs(w0.sub(delta))};  // ½[L(w+δ)+L(w−δ)] − L(w)
        }, change -> change, 1.0);
    }
}
