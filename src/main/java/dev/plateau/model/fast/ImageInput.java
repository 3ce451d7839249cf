package dev.plateau.model.fast;

import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The flat-rows-to-image preprocessor in front of a network's first convolution, which lets that
 * convolution skip the gradient with respect to the network's input ({@link FastConvolution#isInputGradient()}):
 * DL4J passes the first layer's input gradient through its preprocessor before discarding it, and the
 * stock preprocessor cannot take "none".
 */
public class ImageInput extends FeedForwardToCnnPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonCreator
    public ImageInput(@JsonProperty("inputHeight") long height, @JsonProperty("inputWidth") long width,
                      @JsonProperty("numChannels") long channels) {
        super(height, width, channels);
    }

    @Override
    public INDArray backprop(INDArray epsilons, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return epsilons == null ? null : super.backprop(epsilons, miniBatchSize, workspaceMgr);
    }

    @Override
    public ImageInput clone() { return new ImageInput(getInputHeight(), getInputWidth(), getNumChannels()); }
}
