package dev.plateau.robustness;

import dev.plateau.model.KernelNoise;
import dev.plateau.space.NoiseGeometry;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Gaussian noise on the deployed weight tensors (biases noise-free, method-details.md §1.5), freshly
 * drawn each pass: multiplicative w(1 + σz), or additive with σ scaled by each layer's weight range
 * (max − min), the analog-hardware model of SAMSON's line of work.
 */
public record WeightNoise(String name, double[] severities, boolean rangeScaled) implements NoiseFamily {
    public static WeightNoise multiplicative() { return new WeightNoise("weight_multiplicative", new double[] {0.01, 0.02, 0.05, 0.1}, false); }

    public static WeightNoise layerRange() { return new WeightNoise("weight_layer_range", new double[] {0.01, 0.02, 0.05, 0.1}, true); }

    @Override
    public double metricUnder(Deployment d, double severity, SplittableRandom rng) {
        MultiLayerNetwork net = d.network().clone();
        KernelNoise.perturb(net, severity, rangeScaled ? NoiseGeometry.LAYER_RANGE : NoiseGeometry.MULTIPLICATIVE, rng);
        return d.metric(net, d.inputs());
    }
}
