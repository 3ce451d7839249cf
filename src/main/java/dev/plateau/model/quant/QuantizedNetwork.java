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
            INDArray w = SymmetricQuantizer.kernel(layers[l]);
            if (w == null) continue;
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
        for (IntegerTensor t : integerWeights(net).values())
            writeLevels(plain, Integer.parseInt(t.name().substring(0, t.name().indexOf('_'))), t.shape(), t.levels(), t.scales());
        return plain;
    }

    /** Sets layer {@code layer}'s kernel to levels × their channels' scales (levels in 'c' order of {@code shape}). */
    public static void writeLevels(MultiLayerNetwork net, int layer, long[] shape, int[] levels, double[] scales) {
        double[] v = new double[levels.length];
        long perChannel = v.length / scales.length;
        for (int i = 0; i < v.length; i++)
            v[i] = levels[i] * scales[scales.length == 1 ? 0 : SymmetricQuantizer.channelOf(shape, i, perChannel)];
        net.getLayer(layer).getParam("W").assign(Nd4j.createFromArray(v).reshape('c', shape));
    }

    /** Post-training quantisation: a float network's weights rounded to b bits (plain network). */
    public static MultiLayerNetwork postTraining(MultiLayerNetwork net, int bits, boolean perChannel) {
        MultiLayerNetwork out = withoutWeightNoise(net);
        SymmetricQuantizer q = new SymmetricQuantizer(bits, perChannel);
        for (Layer layer : out.getLayers()) {
            INDArray w = SymmetricQuantizer.kernel(layer);
            if (w != null) w.assign(q.quantise(w));
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
