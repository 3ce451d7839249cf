package dev.plateau.model;

import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.space.NoiseGeometry;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gaussian noise on a network's kernels, w + σ·s⊙z; biases and normalisation parameters stay clean
 * (method-details.md §1.5). {@link #scale} is the one definition of each noise geometry: the
 * weight-space proxies ({@code LossSurface.scale}), full noise testing and noise-injection training
 * all perturb the same parameters through it.
 */
public final class KernelNoise {
    private KernelNoise() {}

    /**
     * The per-element scale s of one kernel's noise: the weight itself (multiplicative, w(1 + σz)),
     * the kernel's range max − min (layer range), or 1 (isotropic).
     */
    public static double[] scale(double[] kernel, NoiseGeometry geometry) {
        double[] s = new double[kernel.length];
        switch (geometry) {
            case MULTIPLICATIVE -> System.arraycopy(kernel, 0, s, 0, kernel.length);
            case ISOTROPIC -> java.util.Arrays.fill(s, 1.0);
            case LAYER_RANGE -> {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double v : kernel) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                java.util.Arrays.fill(s, hi - lo);
            }
        }
        return s;
    }

    /**
     * Adds σ·s⊙z to every kernel, in place: one draw per kernel element, layer by layer in C order,
     * so a seeded stream gives the same noise everywhere.
     */
    public static void perturb(MultiLayerNetwork net, double sigma, NoiseGeometry geometry, SplittableRandom rng) {
        for (var layer : net.getLayers()) {
            INDArray w = SymmetricQuantizer.kernel(layer);
            if (w == null) continue;
            double[] v = w.dup('c').ravel().toDoubleVector();
            double[] s = scale(v, geometry);
            for (int i = 0; i < v.length; i++) v[i] += sigma * s[i] * rng.nextGaussian();
            w.assign(Nd4j.createFromArray(v).reshape('c', w.shape()).castTo(w.dataType()));
        }
    }
}
