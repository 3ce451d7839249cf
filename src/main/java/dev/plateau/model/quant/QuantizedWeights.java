package dev.plateau.model.quant;

import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Quantisation-aware training through DL4J's weight-noise hook (dl4j-notes.md §4): every forward pass,
 * in training and inference, uses the quantised weights, while the updater keeps changing the float
 * master weights — the gradient passes the rounding unchanged (straight-through estimator). Biases
 * stay float (they go to wide accumulators on hardware).
 *
 * @implNote a no-argument constructor, getters and setters, and equals: DL4J serialises the layer
 * configuration to JSON inside the model zip and compares configurations.
 */
public class QuantizedWeights implements IWeightNoise {
    private static final long serialVersionUID = 1L;
    private int bits = 8;
    private boolean perChannel = true;
    private boolean powerOfTwo;

    public QuantizedWeights() {}

    public QuantizedWeights(int bits, boolean perChannel, boolean powerOfTwo) {
        this.bits = bits;
        this.perChannel = perChannel;
        this.powerOfTwo = powerOfTwo;
    }

    public SymmetricQuantizer quantizer() { return new SymmetricQuantizer(bits, perChannel, powerOfTwo); }

    @Override
    public INDArray getParameter(Layer layer, String paramKey, int iteration, int epoch, boolean train, LayerWorkspaceMgr workspaceMgr) {
        INDArray p = layer.getParam(paramKey);
        var conf = layer.conf().getLayer();
        if (conf.initializer().isBiasParam(conf, paramKey)) return p;
        return quantizer().quantise(p);
    }

    @Override
    public IWeightNoise clone() { return new QuantizedWeights(bits, perChannel, powerOfTwo); }

    public int getBits() { return bits; }

    public void setBits(int bits) { this.bits = bits; }

    public boolean isPerChannel() { return perChannel; }

    public void setPerChannel(boolean perChannel) { this.perChannel = perChannel; }

    public boolean isPowerOfTwo() { return powerOfTwo; }

    public void setPowerOfTwo(boolean powerOfTwo) { this.powerOfTwo = powerOfTwo; }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedWeights q && q.bits == bits && q.perChannel == perChannel && q.powerOfTwo == powerOfTwo;
    }

    @Override
    public int hashCode() { return Objects.hash(bits, perChannel, powerOfTwo); }
}
