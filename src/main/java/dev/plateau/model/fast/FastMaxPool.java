package dev.plateau.model.fast;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Configuration of {@link FastMaxPoolLayer}: a stock {@link SubsamplingLayer} configuration with Plateau's 2×2 max-pool. */
public class FastMaxPool extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    public FastMaxPool() {}

    public FastMaxPool(SubsamplingLayer.Builder builder) { super(builder); }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Instantiation.wire(new FastMaxPoolLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams,
                initializer());
    }
}
