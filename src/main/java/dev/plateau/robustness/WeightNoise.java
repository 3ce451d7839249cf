package dev.plateau.robustness;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        for (var layer : net.getLayers()) {
            INDArray w = dev.plateau.model.quant.SymmetricQuantizer.kernel(layer);
            if (w == null) continue;
            double range = w.maxNumber().doubleValue() - w.minNumber().doubleValue();
            double[] v = w.dup('c').ravel().toDoubleVector();
            for (int i = 0; i < v.length; i++)
                v[i] = rangeScaled ? v[i] + severity * range * rng.nextGaussian() : v[i] * (1 + severity * rng.nextGaussian());
            w.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(v).reshape('c', w.shape()).castTo(w.dataType()));
        }
        return d.metric(net, d.inputs());
    }
}
