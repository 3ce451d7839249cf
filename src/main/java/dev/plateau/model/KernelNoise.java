package dev.plateau.model;

import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.space.NoiseGeometry;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gaussian noise on a network's kernels, in place; biases and normalisation parameters stay clean
 * (method-details.md §1.5). One draw per kernel element, layer by layer in C order, so a seeded stream
 * gives the same noise everywhere. Full noise testing and noise-injection training share it.
 */
public final class KernelNoise {
    private KernelNoise() {}

    /**
     * Adds σ·z to every kernel element w: multiplicative w(1 + σz), additive σ·range·z with the layer's
     * weight range (max − min), or isotropic w + σz.
     */
    public static void perturb(MultiLayerNetwork net, double sigma, NoiseGeometry geometry, SplittableRandom rng) {
        for (var layer : net.getLayers()) {
            INDArray w = SymmetricQuantizer.kernel(layer);
            if (w == null) continue;
            double range = geometry == NoiseGeometry.LAYER_RANGE ? w.maxNumber().doubleValue() - w.minNumber().doubleValue() : 1;
            double[] v = w.dup('c').ravel().toDoubleVector();
            for (int i = 0; i < v.length; i++)
                v[i] = switch (geometry) {
                    case MULTIPLICATIVE -> v[i] * (1 + sigma * rng.nextGaussian());
                    case LAYER_RANGE, ISOTROPIC -> v[i] + sigma * range * rng.nextGaussian();
                };
            w.assign(Nd4j.createFromArray(v).reshape('c', w.shape()).castTo(w.dataType()));
        }
    }
}
