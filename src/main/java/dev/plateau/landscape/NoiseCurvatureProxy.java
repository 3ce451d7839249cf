package dev.plateau.landscape;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.ProxyVocabulary;
import dev.plateau.space.SpaceViolation;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Antithetic weight-noise curvature C = mean over K pairs of ½[L(w+δ) + L(w−δ)] − L(w), with
 * δ = σ·s⊙z and z standard normal (flatness-proxies.md §0), on the kernels in the deployment's noise
 * geometry s ({@link LossSurface#scale}). The gradient term cancels, so for small σ,
 * E[C] = ½σ²·Σ sᵢ²Hᵢᵢ: a forward-only Hutchinson estimate of the Hessian trace in the geometry s. The
 * same draws also give the metric-matched value {@code noise_curvature_metric} (the task metric's
 * change, "lower is better"), which the pilots found the better predictor.
 */
public record NoiseCurvatureProxy(NoiseGeometry geometry, double sigma, int pairs, int samples) implements Proxy {
    public static final String NAME = "noise_curvature";

    /** Computed for every study: the weight-noise probe in the deployment's geometry and level. */
    public static final ProxyFamily<Settings> FAMILY = ProxyFamily.of(NAME, NAME, Settings.class,
                    (s, c) -> new NoiseCurvatureProxy(c.geometry(), c.sigma(), s.pairs(), s.samples()), NAME, NAME + "_metric")
            .describedBy(NAME + "_metric_stderr")
            .byDefaultWhen(d -> true);

    /**
     * {@code proxy.noise_curvature}: geometry and level used when the deployment declares no weight
     * noise, antithetic pairs, and validation rows.
     */
    public record Settings(@JsonProperty("geometry") NoiseGeometry geometry, @JsonProperty("sigma") Double sigma,
                           @JsonProperty("pairs") Integer pairs, @JsonProperty("samples") Integer samples) implements ProxyVocabulary.Settings {
        public Settings {
            if (geometry == null) geometry = NoiseGeometry.MULTIPLICATIVE;
            if (sigma == null) sigma = 0.05;
            if (pairs == null) pairs = 8;
            if (samples == null) samples = 256;
        }

        @Override
        public void validate(String at) {
            SpaceViolation.require(sigma > 0 && sigma <= 10, at + "/sigma", "must be in (0, 10], got " + sigma, "use e.g. 0.05");
            SpaceViolation.require(pairs >= 1 && pairs <= 10_000, at + "/pairs", "must be between 1 and 10000, got " + pairs, "use e.g. 8");
            SpaceViolation.require(samples >= 1, at + "/samples", "must be at least 1, got " + samples, "use e.g. 512");
        }
    }

    public NoiseCurvatureProxy {
        if (!(sigma > 0) || pairs < 1) throw new IllegalArgumentException("sigma must be > 0 and pairs >= 1");
    }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        return antithetic(s, NAME, s.scale(geometry).muli(sigma), pairs, context.seed());
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
