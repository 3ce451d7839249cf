package dev.plateau.space;

import java.util.ArrayList;
import java.util.List;

/**
 * The regularizers of one configuration and their strengths; 0 (or false, or NONE) switches one off.
 *
 * @param l1            λ of λ·Σ|w| over the kernels
 * @param l2            λ of (λ/2)·Σw² over the kernels (coupled: it passes through Adam)
 * @param weightDecay   decoupled decay w ← w − η·λ·w after each step (AdamW)
 * @param dropout       probability of dropping a dense layer's input unit (hidden inputs only)
 * @param batchNorm     batch normalisation after every hidden layer, folded into it for deployment
 * @param weightNoise   σ of Gaussian kernel noise injected in every training pass, scaled by the study's
 *                      deployment weight-noise geometry (multiplicative unless declared)
 * @param orthogonality λ of λ·Σ_ℓ ‖W_ℓᵀW_ℓ − I‖²_F over the hidden kernels (columns = units)
 * @param jacobian      λ of the random-projection estimate of λ·mean‖∂y/∂x‖²_F
 * @param sharpness     sharpness-aware method
 * @param rho           its radius ρ (ignored when {@code sharpness} is NONE)
 */
public record Regularization(double l1, double l2, double weightDecay, double dropout, boolean batchNorm, double weightNoise,
                             double orthogonality, double jacobian, Sharpness sharpness, double rho) {

    public static final Regularization NONE = new Regularization(0, 0, 0, 0, false, 0, 0, 0, Sharpness.NONE, 0);

    public Regularization {
        if (sharpness == null) sharpness = Sharpness.NONE;
        for (double v : new double[] {l1, l2, weightDecay, weightNoise, orthogonality, jacobian, rho})
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("regularizer strengths must be finite and >= 0");
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (sharpness == Sharpness.NONE) rho = 0;
        else if (!(rho > 0)) throw new IllegalArgumentException(sharpness.label() + " needs rho > 0");
    }

    /** Whether any part needs Plateau's own training step rather than DL4J's fit (dropout and batch norm do not). */
    public boolean needsCustomStep() {
        return l1 > 0 || l2 > 0 || weightDecay > 0 || weightNoise > 0 || orthogonality > 0 || jacobian > 0 || sharpness != Sharpness.NONE;
    }

    /** Whether the trained network differs from its deployed form (batch norm is folded, dropout dropped). */
    public boolean changesDeployedForm() { return batchNorm || dropout > 0; }

    /** The parts that are switched on, e.g. {@code l2=1.0E-4,dropout=0.1,bn,sam=0.05}; empty for {@link #NONE}. */
    public String canonical() {
        List<String> parts = new ArrayList<>();
        add(parts, "l1", l1);
        add(parts, "l2", l2);
        add(parts, "wd", weightDecay);
        add(parts, "dropout", dropout);
        if (batchNorm) parts.add("bn");
        add(parts, "wnoise", weightNoise);
        add(parts, "ortho", orthogonality);
        add(parts, "jac", jacobian);
        if (sharpness != Sharpness.NONE) add(parts, sharpness.label(), rho);
        return String.join(",", parts);
    }

    private static void add(List<String> parts, String name, double value) {
        if (value > 0) parts.add(name + "=" + value);
    }
}
