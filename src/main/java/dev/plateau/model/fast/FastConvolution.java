package dev.plateau.model.fast;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of {@link FastConvolutionLayer}: a stock {@link ConvolutionLayer} configuration (same
 * parameters, initialiser and JSON form, so networks save and load with {@code ModelSerializer} and
 * swap parameters with stock ones) whose layer runs Plateau's im2col + GEMM kernels.
 *
 * @implNote the public no-argument constructor is for Jackson, which restores the class by name.
 */
public class FastConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    private boolean inputGradient = true;

    public FastConvolution() {}

    /**
     * @param inputGradient false for a network's first layer behind an {@link ImageInput}: training never
     *                      reads the gradient with respect to the network's input, and it costs a GEMM and
     *                      a col2im; {@code calculateGradients} then returns none (null), not a wrong one
     */
    public FastConvolution(ConvolutionLayer.Builder builder, boolean inputGradient) {
        super(builder);
        this.inputGradient = inputGradient;
    }

    public boolean isInputGradient() { return inputGradient; }

    public void setInputGradient(boolean inputGradient) { this.inputGradient = inputGradient; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Instantiation.wire(new FastConvolutionLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams,
                initializer());
    }
}
