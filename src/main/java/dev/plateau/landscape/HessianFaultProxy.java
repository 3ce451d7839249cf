package dev.plateau.landscape;

import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.model.quant.IntegerForm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hessian-ranked fault damage: the deployment's n expected flips aimed as FKeras aims them
 * (method-details.md §3) — the sign bits of the n kernel weights with the largest score
 * |λ₁ (v₁·w) v₁ᵢ| from the top Hessian eigenpair of the validation loss — and their damage Δ:
 * {@code hessian_fault} is its second-order prediction gᵀΔ + ½ΔᵀHΔ (one gradient, one HVP), and
 * {@code hessian_fault_metric} the task metric's rise with those bits actually flipped (one forward
 * pass). A targeted attack's damage depends on where the top eigenvector concentrates and on the
 * size of the sign-bit step there, which no scalar curvature summary carries; its cost is the power
 * iteration, which the {@code hessian} family pays anyway.
 */
public record HessianFaultProxy(double expectedFlips, SymmetricQuantizer quantizer, HessianProxy.Settings settings)
        implements Proxy {
    public static final String NAME = "hessian_fault";

    public static final ProxyFamily<HessianProxy.Settings> FAMILY = ProxyFamily.of("hessian_faults", "hessian", HessianProxy.Settings.class,
            (s, c) -> new HessianFaultProxy(-1, IntegerForm.POST_TRAINING, s), NAME, NAME + "_metric");

    @Override
    public int samples() { return settings.samples(); }

    @Override
    public boolean needsDouble() { return true; }


    /** FKeras's score of every parameter, in flat order: |λ₁ (v₁·w) v₁ᵢ|. */
    public static INDArray flipScores(HessianSpectrum.Result top, INDArray w) {
        INDArray v = top.eigenvectors().get(0);
        double projection = v.mul(w).sumNumber().doubleValue();
        return org.nd4j.linalg.ops.transforms.Transforms.abs(v.mul(top.eigenvalues()[0] * projection), true);
    }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        return new HessianFaultProxy(context.expectedFlips(), context.quantizer(), settings).measure(s, context.seed());
    }

    /** The prediction at this record's flips and integer format. */
    List<ProxyValue> measure(LossSurface s, long seed) {
        long f0 = s.forwardSamples(), g0 = s.gradientSamples(), t0 = System.nanoTime();
        INDArray w0 = s.weights();
        double[] scores = flipScores(HessianSpectrum.top(s, 1, settings.iterations(), settings.tolerance(), seed), w0).toDoubleVector();
        List<double[]> weights = new ArrayList<>();  // (score, flat index, sign-flip step)
        for (SurfaceKernel k : SurfaceKernel.of(s, w0, quantizer))
            for (int e = 0; e < k.size(); e++)
                weights.add(new double[] {scores[k.flatIndex()[e]], k.flatIndex()[e], k.tensor().flipStep(e, 0)});
        weights.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
        INDArray delta = w0.mul(0);
        int n = (int) Math.max(1, Math.min(weights.size(), Math.round(expectedFlips)));
        for (double[] t : weights.subList(0, n)) delta.putScalar((long) t[1], t[2]);
        double taylor = s.gradient(w0).mul(delta).sumNumber().doubleValue() + 0.5 * s.hvp(w0, delta).mul(delta).sumNumber().doubleValue();
        double[] clean = s.outputs(w0), hit = s.outputs(w0.add(delta));
        ProxyValue loss = new ProxyValue(NAME, taylor, s.forwardSamples() - f0, s.gradientSamples() - g0, (System.nanoTime() - t0) / 1e9);
        return s.hasMetric() ? List.of(loss, new ProxyValue(NAME + "_metric", s.metricOf(hit) - s.metricOf(clean), 0, 0, 0)) : List.of(loss);
    }
}
