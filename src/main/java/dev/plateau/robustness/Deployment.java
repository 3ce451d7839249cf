package dev.plateau.robustness;

import dev.plateau.data.Dataset;
import dev.plateau.model.quant.IntegerForm;
import dev.plateau.model.quant.IntegerTensor;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network as it is deployed, ready to be disturbed: the plain network with its deployed
 * weights, its integer form ({@link IntegerForm}: its own quantisation for a QAT network, 8-bit
 * per-channel post-training quantisation for a float one, the int8 deployment of the pilots), the
 * test data, the valid range of each input feature (from the training data), and the task metric as
 * "lower is better".
 */
public final class Deployment {
    private final MultiLayerNetwork network;
    private final List<IntegerTensor> weights;
    private final Dataset test;
    private final double[] featureMin, featureMax;
    private final ToDoubleBiFunction<double[], Dataset> metric;

    /** A network in Plateau's classes, deployed in its own integer form ({@link IntegerForm#of}). */
    public Deployment(MultiLayerNetwork trained, Dataset test, double[] featureMin, double[] featureMax,
                      ToDoubleBiFunction<double[], Dataset> metric) {
        this(trained, IntegerForm.of(trained), test, featureMin, featureMax, metric);
    }

    /**
     * @param network  the network in Plateau's classes (a deployed model's {@code plateauNetwork()})
     * @param integers its deployed integer form
     */
    public Deployment(MultiLayerNetwork network, IntegerForm integers, Dataset test, double[] featureMin, double[] featureMax,
                      ToDoubleBiFunction<double[], Dataset> metric) {
        this.network = integers.dequantised(network);
        this.weights = integers.weights();
        this.test = test;
        this.featureMin = featureMin.clone();
        this.featureMax = featureMax.clone();
        this.metric = metric;
    }

    public MultiLayerNetwork network() { return network; }

    public List<IntegerTensor> integerWeights() { return weights; }

    public Dataset test() { return test; }

    double min(int feature) { return featureMin[feature]; }

    double max(int feature) { return featureMax[feature]; }

    /** The task metric ("lower is better") of {@code net} on {@code inputs} (rows of the test set). */
    double metric(MultiLayerNetwork net, INDArray inputs) {
        return metric.applyAsDouble(net.output(inputs, false).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).ravel().toDoubleVector(), test);
    }

    INDArray inputs() { return dev.plateau.train.Batches.features(test, 0, test.rows(), org.nd4j.linalg.api.buffer.DataType.FLOAT); }

    double clean() { return metric(network, inputs()); }

    /** A copy of the deployed network holding the {@code changed} tensors. */
    MultiLayerNetwork withTensors(java.util.Collection<IntegerTensor> changed) {
        MultiLayerNetwork copy = network.clone();
        for (IntegerTensor t : changed) IntegerForm.write(copy, t);
        return copy;
    }
}
