package dev.plateau.train;

import dev.plateau.model.ParamBlock;
import dev.plateau.space.Sharpness;
import java.util.List;

/**
 * The ascent step of sharpness-aware training, ε = ρ·T²⊙g / (‖T⊙g‖₂ + 10⁻¹⁶), the closed-form
 * first-order solution of max_{‖T⁻¹ε‖₂ ≤ ρ} L(w + ε) (method-details.md §1.3), with the norm taken
 * over all trainable parameters jointly. The methods differ only in the operator T:
 * <ul>
 *   <li>SAM: T = 1.</li>
 *   <li>ASAM (SamsungLabs/ASAM {@code asam.py}): T = |w| + η for kernels and batch-norm γ, 1 for
 *       biases and β; η = {@value #ASAM_ETA}.</li>
 *   <li>SAMSON (arXiv 2211.11561 v2): the perturbation of a weight is conditioned on its magnitude and
 *       on its layer's weight range, T_i = |w_i| / ‖w_ℓ‖_∞ for kernel ℓ, 1 elsewhere. The paper's
 *       equation could not be retrieved here; this is the reconstruction of method-details.md §1.4
 *       (p = ∞, η = 0), recorded in every configId as "samson".</li>
 * </ul>
 * Batch-norm running statistics are never perturbed (T = 0). The adaptive-sharpness proxy
 * ({@code landscape.SharpnessProxy}) takes its step with this same operator.
 */
public final class SharpnessAscent {
    public static final double ASAM_ETA = 0.01;

    private SharpnessAscent() {}

    /** ε for gradient {@code g} at weights {@code w} (flat vectors in the layout of {@code blocks}), ASAM's η = {@value #ASAM_ETA}. */
    public static double[] epsilon(Sharpness method, double rho, double[] w, double[] g, List<ParamBlock> blocks) {
        return epsilon(method, rho, ASAM_ETA, w, g, blocks);
    }

    /** ε with ASAM's offset {@code eta}. */
    public static double[] epsilon(Sharpness method, double rho, double eta, double[] w, double[] g, List<ParamBlock> blocks) {
        double[] t = operator(method, eta, w, blocks);
        double norm = 0;
        for (int i = 0; i < g.length; i++) norm += t[i] * t[i] * g[i] * g[i];
        norm = Math.sqrt(norm) + 1e-16;
        double[] eps = new double[g.length];
        for (int i = 0; i < g.length; i++) eps[i] = rho * t[i] * t[i] * g[i] / norm;
        return eps;
    }

    /** The per-parameter operator T. */
    static double[] operator(Sharpness method, double eta, double[] w, List<ParamBlock> blocks) {
        double[] t = new double[w.length];
        for (ParamBlock b : blocks) {
            if (b.statistic()) continue;
            boolean scaled = b.weight() || b.key().equals("gamma");
            double layerMax = 0;
            if (method == Sharpness.SAMSON && b.weight())
                for (int i = b.offset(); i < b.offset() + b.length(); i++) layerMax = Math.max(layerMax, Math.abs(w[i]));
            for (int i = b.offset(); i < b.offset() + b.length(); i++)
                t[i] = switch (method) {
                    case NONE -> 0;
                    case SAM -> 1;
                    case ASAM -> scaled ? Math.abs(w[i]) + eta : 1;
                    case SAMSON -> b.weight() ? (layerMax > 0 ? Math.abs(w[i]) / layerMax : 0) : 1;
                };
        }
        return t;
    }
}
