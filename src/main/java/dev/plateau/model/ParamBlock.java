package dev.plateau.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter tensor of a network and where it sits in the flat parameter (and gradient) vector.
 *
 * @param weight    a kernel ("W"), as opposed to a bias or a normalisation parameter
 * @param statistic a running statistic (batch-norm mean and variance): in the parameter vector, but
 *                  moved by DL4J's updater towards batch estimates, not by a gradient
 */
public record ParamBlock(int layer, String key, int offset, int length, boolean weight, boolean statistic, long[] shape) {

    /** The blocks of {@code net} in flat order. */
    public static List<ParamBlock> of(MultiLayerNetwork net) {
        List<ParamBlock> out = new ArrayList<>();
        long base = net.params().offset();
        Layer[] layers = net.getLayers();
        for (int l = 0; l < layers.length; l++)
            for (var e : layers[l].paramTable().entrySet()) {
                INDArray v = e.getValue();
                out.add(new ParamBlock(l, e.getKey(), (int) (v.offset() - base), (int) v.length(), e.getKey().equals("W"),
                        !layers[l].updaterDivideByMinibatch(e.getKey()), v.shape()));
            }
        return List.copyOf(out);
    }
}
