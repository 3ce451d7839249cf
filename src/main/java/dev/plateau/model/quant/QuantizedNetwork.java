package dev.plateau.model.quant;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The deployable form of a quantised network — integer weights and their scales per layer — and
 * post-training quantisation of a float network.
 */
public final class QuantizedNetwork {
    /** One quantised weight tensor: integer levels in 'c' order of {@code shape}, one scale per channel (or one). */
    public record IntegerTensor(String name, long[] shape, int bits, int[] levels, double[] scales) {
        public int distinctLevels() { return (int) java.util.Arrays.stream(levels).distinct().count(); }
    }

    private QuantizedNetwork() {}

    /** The integer weights of every layer of a network trained with {@link QuantizedWeights}. */
    public static Map<String, IntegerTensor> integerWeights(MultiLayerNetwork net) {
        Map<String, IntegerTensor> out = new LinkedHashMap<>();
        Layer[] layers = net.getLayers();
        for (int l = 0; l < layers.length; l++) {
            IWeightNoise noise = layerNoise(net, l);
            if (!(noise instanceof QuantizedWeights q)) continue;
            INDArray w = layers[l].getParam("W");
            if (w == null || w.length() == 0) continue;  // pooling layers answer with an empty array
            SymmetricQuantizer quantizer = q.quantizer();
            double[] scales = quantizer.scales(w);
            out.put(l + "_W", new IntegerTensor(l + "_W", w.shape(), q.getBits(), quantizer.levels(w, scales), scales));
        }
        return out;
    }

    /**
     * A plain (no quantisation hook) copy of {@code net} whose weights are the dequantised integers —
     * what runs on the device. For a quantisation-aware network it computes the same outputs.
     */
    public static MultiLayerNetwork dequantised(MultiLayerNetwork net) {
        MultiLayerNetwork plain = withoutWeightNoise(net);
        for (IntegerTensor t : integerWeights(net).values()) {
            int layer = Integer.parseInt(t.name().substring(0, t.name().indexOf('_')));
            double[] v = new double[t.levels().length];
            long perChannel = v.length / t.scales().length;
            for (int i = 0; i < v.length; i++) {
                int c = t.scales().length == 1 ? 0 : t.shape().length == 2 ? (int) (i % t.shape()[1]) : (int) (i / perChannel);
                v[i] = t.levels()[i] * t.scales()[c];
            }
            plain.getLayer(layer).getParam("W").assign(Nd4j.createFromArray(v).reshape('c', t.shape()));
        }
        return plain;
    }

    /** Post-training quantisation: a float network's weights rounded to b bits (plain network). */
    public static MultiLayerNetwork postTraining(MultiLayerNetwork net, int bits, boolean perChannel) {
        MultiLayerNetwork out = withoutWeightNoise(net);
        SymmetricQuantizer q = new SymmetricQuantizer(bits, perChannel);
        for (Layer layer : out.getLayers()) {
            INDArray w = layer.getParam("W");
            if (w != null && w.length() > 0) w.assign(q.quantise(w));  // pooling layers answer with an empty array
        }
        return out;
    }

    private static IWeightNoise layerNoise(MultiLayerNetwork net, int layer) {
        var conf = net.getLayerWiseConfigurations().getConf(layer).getLayer();
        return conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b ? b.getWeightNoise() : null;
    }

    private static MultiLayerNetwork withoutWeightNoise(MultiLayerNetwork net) {
        var conf = net.getLayerWiseConfigurations().clone();
        for (int i = 0; i < conf.getConfs().size(); i++)
            if (conf.getConf(i).getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) b.setWeightNoise(null);
        MultiLayerNetwork plain = new MultiLayerNetwork(conf);
        plain.init(net.params().dup(), false);
        return plain;
    }
}
