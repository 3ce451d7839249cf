package dev.plateau.landscape;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-step adaptive sharpness L(w + ε̂) − L(w) with ε̂ = ρ·T²⊙g / ‖T⊙g‖₂, the closed-form first-order
 * maximiser over the ball ‖T⁻¹ε‖₂ ≤ ρ (method-details.md §1.3):
 * <ul>
 *   <li>{@code asam_sharpness}: ASAM's operator T = |w| + η on weights, 1 on biases (SamsungLabs/ASAM);</li>
 *   <li>{@code samson_sharpness}: T = |w| / max|w_layer| on weights, 1 on biases — the SAMSON
 *       reconstruction of method-details.md §1.4 (the p = ∞ variant: each weight's budget relative to its
 *       layer's outlier), recorded as a reconstruction, not the paper's verified formula.</li>
 * </ul>
 * One gradient and two forward passes per variant.
 */
public record SharpnessProxy(double rho, double eta, int samples) implements Proxy {
    @Override
    public boolean needsDouble() { return true; }

    @Override
    public List<ProxyValue> measure(LossSurface s, long seed) {
        INDArray w = s.weights();
        INDArray[] g = new INDArray[1];
        ProxyValue asam = s.measured("asam_sharpness", () -> {
            g[0] = s.gradient(w);
            return step(s, w, g[0], operator(s, w, false));
        });
        ProxyValue samson = s.measured("samson_sharpness", () -> step(s, w, g[0], operator(s, w, true)));
        return List.of(asam, samson);
    }

    private double step(LossSurface s, INDArray w, INDArray g, INDArray t) {
        INDArray tg = t.mul(g);
        double norm = tg.norm2Number().doubleValue() + 1e-16;
        INDArray eps = t.mul(tg).muli(rho / norm);
        return s.loss(w.add(eps)) - s.loss(w);
    }

    private INDArray operator(LossSurface s, INDArray w, boolean layerRelative) {
        double[] wv = w.toDoubleVector();
        double[] t = new double[wv.length];
        java.util.Arrays.fill(t, 1.0);
        for (dev.plateau.model.ParamBlock b : s.blocks()) {
            if (!b.weight()) continue;
            double max = 0;
            for (int i = b.offset(); i < b.offset() + b.length(); i++) max = Math.max(max, Math.abs(wv[i]));
            for (int i = b.offset(); i < b.offset() + b.length(); i++)
                t[i] = layerRelative ? (max > 0 ? Math.abs(wv[i]) / max : 0) : Math.abs(wv[i]) + eta;
        }
        return Nd4j.createFromArray(t);
    }
}
