package dev.plateau.model;

import dev.plateau.data.Dataset;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.quant.QuantizedRelu;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Starts an energy regressor that reads the energy input at the calibrated energy sum, so that
 * training learns corrections to the domain baseline instead of having to find it among hundreds of
 * cell weights (which 20 epochs on a few thousand showers do not: such networks ended 15–50 % worse
 * than the one-constant calibration). The learnt target is ln E, standardised, and the energy input is
 * ln Σ: the calibrated sum is the line z = a·ln Σ + c, fitted by least squares on the training rows.
 * Every hidden unit carries it, so that no single weight holds the baseline (one bit flip or one
 * noisy weight then moves a share 1/width of it, not all of it): the first layer reads the energy
 * input with one weight u, scaled so that the training range lands inside [0.1, 0.9] of the
 * activation clip (linear for a ReLU, on the grid of a quantised one), the next layers average the
 * previous one, and the output averages the last with the fitted slope. The hidden layers keep their
 * random initialisation on top, scaled by {@value #BRANCH_SCALE}: it breaks the units' symmetry, and
 * the first prediction is the baseline plus a small random function. A network with batch normalisation is left
 * as it is (normalisation would rescale the carried line).
 */
public final class EnergySumStart {
    /** The activation range the carried line uses for a float ReLU, matching the quantised clip. */
    static final double RANGE = QuantizedRelu.DEFAULT_MAX;
    /** What the random initialisation is scaled by, on top of the carried line. */
    static final double BRANCH_SCALE = 0.02;

    private EnergySumStart() {}

    /**
     * Whether {@link #apply} sets this network up: an energy regressor (learnt as ln E) reading the
     * energy input, with an activation that is the identity on positive inputs, without batch norm.
     */
    public static boolean applies(MultiLayerNetwork net, PreparedData data, dev.plateau.space.CandidateSpec spec) {
        var a = spec.activation();
        boolean linearAbove0 = a == dev.plateau.space.Activation.RELU || a == dev.plateau.space.Activation.LEAKY_RELU
                || a == dev.plateau.space.Activation.ELU;
        if (!spec.energyInput() || !linearAbove0 || data.metric() != TaskMetric.RELATIVE_RMSE || data.train().targetCount() != 1) return false;
        for (var c : net.getLayerWiseConfigurations().getConfs())
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) return false;
        return true;
    }

    /**
     * Sets the carried line into {@code net}, in place. {@code data} is the instance's data with the
     * energy input as its last feature ({@link PreparedData#forInstance}).
     */
    public static void apply(MultiLayerNetwork net, PreparedData data) {
        Dataset train = data.train();
        int f = train.featureCount();
        double[] e = new double[train.rows()], z = train.targets();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < e.length; i++) {
            e[i] = train.features()[i * f + f - 1];
            lo = Math.min(lo, e[i]);
            hi = Math.max(hi, e[i]);
        }
        double[] line = dev.plateau.data.SingleFeatureFit.line(e, z);
        List<Integer> dense = new ArrayList<>();
        int output = -1;
        for (int i = 0; i < net.getnLayers(); i++) {
            var layer = net.getLayerWiseConfigurations().getConf(i).getLayer();
            if (layer instanceof OutputLayer) output = i;
            else if (layer instanceof DenseLayer) dense.add(i);
        }
        if (dense.isEmpty() || output < 0) throw new IllegalStateException("an energy regressor needs a hidden dense layer and an output layer");
        double max = RANGE;
        if (net.getLayerWiseConfigurations().getConf(dense.get(0)).getLayer() instanceof DenseLayer d
                && d.getActivationFn() instanceof QuantizedRelu q) max = q.getMax();
        // every unit of the first dense layer carries u·e + β (the training range of e mapped onto [0.1, 0.9]·max)
        double u = 0.8 * max / Math.max(hi - lo, 1e-6), beta = 0.1 * max - u * lo;
        INDArray w = weights(net, dense.get(0));
        w.muli(BRANCH_SCALE);
        w.getRow(w.rows() - 1).assign(u);  // the energy input is the last input of the first dense layer (MLP feature, or CNN side input)
        bias(net, dense.get(0)).assign(beta);
        for (int k = 1; k < dense.size(); k++) {  // each next unit averages the previous ones
            INDArray next = weights(net, dense.get(k));
            next.muli(BRANCH_SCALE).addi(1.0 / next.rows());
            bias(net, dense.get(k)).assign(0);
        }
        INDArray out = weights(net, output);
        double slope = line[0] / u;
        out.assign(slope / out.rows());  // no random part here: it would multiply the carried line's large activations
        bias(net, output).assign(line[1] - slope * beta);
    }

    private static INDArray weights(MultiLayerNetwork net, int layer) { return net.getLayer(layer).getParam(DefaultParamInitializer.WEIGHT_KEY); }

    private static INDArray bias(MultiLayerNetwork net, int layer) { return net.getLayer(layer).getParam(DefaultParamInitializer.BIAS_KEY); }
}
