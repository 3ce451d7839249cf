package dev.plateau.landscape;

import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.model.quant.IntegerForm;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fault curvature: a low-variance stand-in for the fault probe. One uniformly drawn bit flip moves
 * kernel weight i by Δᵢₚ = (flip(qᵢ, p) − qᵢ)·sᵢ with probability 1/(N·B) for each of its B bit
 * positions p (N kernel weights, integer levels qᵢ, quantiser scales sᵢ), so its displacement has the
 * per-weight second moment vᵢ = Σₚ Δᵢₚ² / (N·B), and to second order the expected loss rise of n
 * independent flips is n·(gᵀm + ½Σᵢ vᵢHᵢᵢ), m the mean displacement. The antithetic weight-noise
 * probe with δ ~ N(0, n·diag(v)) estimates the curvature part ½·n·Σᵢ vᵢHᵢᵢ exactly in expectation
 * (a trained network's gradient term is small, and the task metric has none), perturbing every weight
 * a little instead of one weight a lot: its draws do not depend on which bit a single flip happened to
 * hit, which is what made the fault probe's Monte Carlo noise swamp the differences between models.
 * It keeps the fault model's geometry: the sign bit dominates vᵢ (its Δ is 2^(B−1)·sᵢ), each layer is
 * weighted by its own quantiser scale, and a fixed number of flips is spread over N weights.
 */
public record FaultCurvatureProxy(double expectedFlips, SymmetricQuantizer quantizer, int pairs, int samples)
        implements Proxy {
    public static final String NAME = "fault_curvature";

    /** Computed by default when the deployment declares faults: it ranks flips far better than the one-flip probe (docs/validation.md). */
    public static final ProxyFamily<NoiseCurvatureProxy.Settings> FAMILY = ProxyFamily.of(NAME, NoiseCurvatureProxy.NAME,
                    NoiseCurvatureProxy.Settings.class, (s, c) -> new FaultCurvatureProxy(-1, IntegerForm.POST_TRAINING, s.pairs(), s.samples()),
                    NAME, NAME + "_metric")
            .describedBy(NAME + "_metric_stderr")
            .byDefaultWhen(d -> d.faults() != null);

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        return new FaultCurvatureProxy(context.expectedFlips(), context.quantizer(), pairs, samples).measure(s, context.seed());
    }

    /** The probe at this record's flips and integer format. */
    List<ProxyValue> measure(LossSurface s, long seed) {
        return NoiseCurvatureProxy.antithetic(s, NAME, scale(s), pairs, seed);
    }

    /** The standard deviation sqrt(n·vᵢ) of every parameter, in flat order (0 for biases). */
    INDArray scale(LossSurface s) {
        INDArray w0 = s.weights();
        List<SurfaceKernel> kernels = SurfaceKernel.of(s, w0, quantizer);
        long total = kernels.stream().mapToLong(SurfaceKernel::size).sum();
        double[] sd = new double[s.dimension()];
        for (SurfaceKernel k : kernels)
            for (int e = 0; e < k.size(); e++) {
                double sumSquares = 0;
                for (int p = 0; p < quantizer.bits(); p++) {
                    double step = k.tensor().flipStep(e, p);
                    sumSquares += step * step;
                }
                sd[k.flatIndex()[e]] = Math.sqrt(expectedFlips * sumSquares / ((double) total * quantizer.bits()));
            }
        return Nd4j.createFromArray(sd).castTo(w0.dataType());
    }
}
