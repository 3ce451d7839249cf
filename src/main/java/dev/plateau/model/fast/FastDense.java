package dev.plateau.model.fast;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of {@link FastDenseLayer}: a stock {@link DenseLayer} configuration (same parameters,
 * initialiser and JSON form) whose layer calls BLAS directly with bias and ReLU fused, so a small
 * layer costs a few GEMMs instead of a dozen ND4J ops of 5–20 µs each (conv-speed.md §4: that
 * per-op cost is the MLP's fixed per-iteration overhead).
 *
 * @implNote DenseLayer's builder constructor is private, so {@link #of} copies a built configuration
 * field by field ({@link FastLayers}); the public no-argument constructor is for Jackson.
 */
public class FastDense extends DenseLayer {
    private static final long serialVersionUID = 1L;

    private boolean inputGradient = true;

    public FastDense() {}

    /** The fast form of {@code stock}; {@code inputGradient} false for a network's first layer (nobody reads it). */
    public static FastDense of(DenseLayer stock, boolean inputGradient) {
        FastDense fast = FastLayers.copy(stock, new FastDense(), DenseLayer.class);
        fast.inputGradient = inputGradient;
        return fast;
    }

    public boolean isInputGradient() { return inputGradient; }

    public void setInputGradient(boolean inputGradient) { this.inputGradient = inputGradient; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Instantiation.wire(new FastDenseLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams,
                initializer());
    }
}
