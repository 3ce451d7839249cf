package dev.plateau.robustness;

import dev.plateau.data.Dataset;
import dev.plateau.model.quant.QuantizedNetwork;
import dev.plateau.model.quant.SymmetricQuantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network as it is deployed, ready to be disturbed: the plain network with its deployed
 * weights, its integer weights (its own quantisation for a QAT network; 8-bit per-channel
 * post-training quantisation for a float one, the int8 deployment of the pilots), the test data,
 * the valid range of each input feature (from the training data), and the task metric as "lower is
 * better".
 */
public final class Deployment {
    /** A quantised weight tensor of layer {@code layer}: levels in 'c' order of {@code shape}. */
    public record IntWeights(int layer, long[] shape, int bits, int[] levels, double[] scales) {}

    static final int FLOAT_DEPLOYMENT_BITS = dev.plateau.landscape.FaultProxy.FLOAT_DEPLOYMENT_BITS;

    private final MultiLayerNetwork network;
    private final List<IntWeights> weights;
    private final Dataset test;
    private final double[] featureMin, featureMax;
    private final ToDoubleBiFunction<double[], Dataset> metric;

    public Deployment(MultiLayerNetwork trained, Dataset test, double[] featureMin, double[] featureMax,
                      ToDoubleBiFunction<double[], Dataset> metric) {
        var qat = QuantizedNetwork.integerWeights(trained);
        MultiLayerNetwork deployed = qat.isEmpty() ? QuantizedNetwork.postTraining(trained, FLOAT_DEPLOYMENT_BITS, true)
                : QuantizedNetwork.dequantised(trained);
        this.network = deployed;
        this.weights = new ArrayList<>();
        if (!qat.isEmpty())
            for (var t : qat.values())
                weights.add(new IntWeights(Integer.parseInt(t.name().substring(0, t.name().indexOf('_'))), t.shape(), t.bits(), t.levels(), t.scales()));
        else {
            SymmetricQuantizer q = new SymmetricQuantizer(FLOAT_DEPLOYMENT_BITS, true);
            Layer[] layers = deployed.getLayers();
            for (int l = 0; l < layers.length; l++) {
                INDArray w = SymmetricQuantizer.kernel(layers[l]);
                if (w == null) continue;
                double[] scales = q.scales(w);
                weights.add(new IntWeights(l, w.shape(), FLOAT_DEPLOYMENT_BITS, q.levels(w, scales), scales));
            }
        }
        this.test = test;
        this.featureMin = featureMin.clone();
        this.featureMax = featureMax.clone();
        this.metric = metric;
    }

    public MultiLayerNetwork network() { return network; }

    public List<IntWeights> integerWeights() { return List.copyOf(weights); }

    public Dataset test() { return test; }

    double min(int feature) { return featureMin[feature]; }

    double max(int feature) { return featureMax[feature]; }

    /** The task metric ("lower is better") of {@code net} on {@code inputs} (rows of the test set). */
    double metric(MultiLayerNetwork net, INDArray inputs) {
        return metric.applyAsDouble(net.output(inputs, false).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).ravel().toDoubleVector(), test);
    }

    INDArray inputs() { return dev.plateau.train.Batches.features(test, 0, test.rows(), org.nd4j.linalg.api.buffer.DataType.FLOAT); }

    double clean() { return metric(network, inputs()); }

    /** A copy of the deployed network whose tensor {@code t} holds {@code levels}. */
    MultiLayerNetwork withLevels(java.util.Map<IntWeights, int[]> changed) {
        MultiLayerNetwork copy = network.clone();
        changed.forEach((t, levels) -> QuantizedNetwork.writeLevels(copy, t.layer(), t.shape(), levels, t.scales()));
        return copy;
    }

    /** Flips bit {@code position} (0 = most significant, the sign) of a b-bit two's-complement level. */
    static int flip(int level, int bits, int position) { return dev.plateau.landscape.FaultProxy.flip(level, bits, position); }
}
