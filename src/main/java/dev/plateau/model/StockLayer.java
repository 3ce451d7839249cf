package dev.plateau.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a deployed model's stock network, in order, as an exporter walks it: its configuration
 * (stock convolution, max-pool, dense or output layer), the preprocessor in front of it (the reshape
 * of the input row into an image, or the flattening of feature maps), whether the side inputs (the
 * total energy) join the flattened maps in front of it, and its parameters as deployed.
 *
 * @param index  the layer's index (layer l of the MultiLayerNetwork, vertex "l" of the graph)
 * @param params DL4J's parameter table: "W" (dense [nIn, nOut], convolution [out, in, kh, kw]) and "b"
 */
public record StockLayer(int index, Layer conf, InputPreProcessor preprocessor, boolean joinsSideInputs, Map<String, INDArray> params) {
    public StockLayer {
        params = Map.copyOf(params);
    }
}
