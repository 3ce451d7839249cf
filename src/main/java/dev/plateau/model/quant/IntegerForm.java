package dev.plateau.model.quant;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's deployed integer form: every kernel as an {@link IntegerTensor} (biases stay float: they
 * go to wide accumulators on hardware) and the activation grid after each layer that has one. A network
 * trained with {@link QuantizedWeights} is deployed at its own bits and quantiser — its deployed weights
 * are exactly levels × scales. A float network is deployed as its 8-bit per-channel post-training
 * quantisation (the int8 deployment the pilots and full noise testing assume): {@code postTraining}
 * says so, and levels × scales then only approximate its weights.
 */
public record IntegerForm(boolean postTraining, List<IntegerTensor> weights, List<ActivationQuantizer> activations) {
    /** Bits a float network is deployed with. */
    public static final int FLOAT_DEPLOYMENT_BITS = 8;
    /** The quantiser a float network is deployed with: {@value #FLOAT_DEPLOYMENT_BITS} bits, per channel. */
    public static final SymmetricQuantizer POST_TRAINING = new SymmetricQuantizer(FLOAT_DEPLOYMENT_BITS, true);

    public IntegerForm {
        weights = List.copyOf(weights);
        activations = List.copyOf(activations);
    }

    /** The integer form of a network in Plateau's classes: its QAT quantiser, or 8-bit per-channel post-training quantisation. */
    public static IntegerForm of(MultiLayerNetwork net) {
        SymmetricQuantizer qat = qat(net);
        return qat == null ? postTraining(net, POST_TRAINING) : quantised(net, qat, false);
    }

    /** The quantiser a network in Plateau's classes is deployed with: its QAT quantiser, or {@link #POST_TRAINING}. */
    public static SymmetricQuantizer quantizerOf(MultiLayerNetwork net) {
        SymmetricQuantizer qat = qat(net);
        return qat == null ? POST_TRAINING : qat;
    }

    private static SymmetricQuantizer qat(MultiLayerNetwork net) {
        for (var conf : net.getLayerWiseConfigurations().getConfs())
            if (conf.getLayer() instanceof BaseLayer b && b.getWeightNoise() instanceof QuantizedWeights q) return q.quantizer();
        return null;
    }

    /** Post-training quantisation of every kernel of {@code net} by {@code quantizer}. */
    public static IntegerForm postTraining(MultiLayerNetwork net, SymmetricQuantizer quantizer) {
        return quantised(net, quantizer, true);
    }

    private static IntegerForm quantised(MultiLayerNetwork net, SymmetricQuantizer quantizer, boolean postTraining) {
        List<IntegerTensor> weights = new ArrayList<>();
        List<ActivationQuantizer> activations = new ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int l = 0; l < layers.length; l++) {
            INDArray w = SymmetricQuantizer.kernel(layers[l]);
            if (w != null) weights.add(IntegerTensor.of(l, "W", w, quantizer));
            if (activation(layers[l]) instanceof QuantizedRelu q) activations.add(new ActivationQuantizer(l, q.getBits(), q.getMax()));
        }
        return new IntegerForm(postTraining, weights, activations);
    }

    private static IActivation activation(Layer layer) {
        var conf = layer.conf().getLayer();
        if (conf instanceof BaseLayer b) return b.getActivationFn();
        return conf instanceof ActivationLayer a ? a.getActivationFn() : null;
    }

    /** Bits of every weight tensor. */
    public int weightBits() { return weights.isEmpty() ? FLOAT_DEPLOYMENT_BITS : weights.get(0).bits(); }

    /** The integer kernel of layer {@code layer}, or null for a layer without one. */
    public IntegerTensor kernelOf(int layer) {
        return weights.stream().filter(t -> t.layer() == layer && t.param().equals("W")).findFirst().orElse(null);
    }

    /** The activation grid after layer {@code layer}, or null where the layer's output is not quantised. */
    public ActivationQuantizer activationAfter(int layer) {
        return activations.stream().filter(a -> a.layer() == layer).findFirst().orElse(null);
    }

    /**
     * A plain copy of {@code net} (no quantisation hook) whose kernels are these integers' values — what
     * runs on the device. For a QAT network it computes what the network computes.
     */
    public MultiLayerNetwork dequantised(MultiLayerNetwork net) {
        var conf = net.getLayerWiseConfigurations().clone();
        for (int i = 0; i < conf.getConfs().size(); i++)
            if (conf.getConf(i).getLayer() instanceof BaseLayer b) b.setWeightNoise(null);
        MultiLayerNetwork plain = new MultiLayerNetwork(conf);
        plain.init(net.params().dup(), false);
        for (IntegerTensor t : weights) write(plain, t);
        return plain;
    }

    /** Sets the parameter {@code t} stands for to levels × scales. */
    public static void write(MultiLayerNetwork net, IntegerTensor t) {
        net.getLayer(t.layer()).getParam(t.param()).assign(t.array());
    }
}
