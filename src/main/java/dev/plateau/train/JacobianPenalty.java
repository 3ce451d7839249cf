package dev.plateau.train;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Input-Jacobian penalty R = λ·(1/B)·Σ_n ‖(y(x_n + h·u_n) − y(x_n − h·u_n)) / 2h‖², u_n ~ N(0, I): a
 * random-projection estimate of λ·mean‖∂y/∂x‖²_F, since E‖J·u‖² = ‖J‖²_F for Gaussian u (one
 * projection per sample, as in Hoffman et al. 2019, here projected on the input side so it needs only
 * forward differences). The outputs y are the regression outputs or the class probabilities.
 *
 * <p>Its exact gradient comes from DL4J's own backward pass: R's derivative with respect to the
 * outputs at x ± h·u is an error signal e, and a minibatch whose labels are chosen so that the output
 * layer's loss has gradient e at the current outputs back-propagates exactly eᵀ·∂y/∂θ (identity+MSE:
 * t = y − e·n_out/2; softmax+cross-entropy, whose logit gradient is p − t: t = p − p⊙(e − ⟨p, e⟩)).
 * Dropout is switched off for these passes so the outputs are the ones back-propagated.
 */
public record JacobianPenalty(double lambda, double step) {
    /** Finite-difference step h in the standardised input units. */
    public static final double DEFAULT_STEP = 0.01;

    /** The penalty for inputs {@code x} (rows = samples) and projections {@code u} of the same shape. */
    public double value(MultiLayerNetwork net, INDArray x, INDArray u) {
        return withoutDropout(net, () -> {
            INDArray d = difference(net, x, u);
            return lambda * d.mul(d).sumNumber().doubleValue() / x.rows();
        });
    }

    /** Projections for {@code x}, one Gaussian vector per sample from {@code rng}. */
    public static INDArray projections(INDArray x, SplittableRandom rng) {
        double[] z = new double[(int) x.length()];
        for (int i = 0; i < z.length; i++) z[i] = rng.nextGaussian();
        return Nd4j.createFromArray(z).reshape('c', x.shape()).castTo(x.dataType());
    }

    /**
     * The gradient of {@code scale}·R with respect to the flat parameters, as a new vector in the flat
     * layout (the network's own gradient view is overwritten on the way).
     */
    public INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray u, double scale) {
        return withoutDropout(net, () -> {
            INDArray plus = x.add(u.mul(step)), minus = x.sub(u.mul(step));
            INDArray yPlus = net.output(plus, true), yMinus = net.output(minus, true);
            INDArray d = yPlus.sub(yMinus).divi(2 * step);
            // ∂(scale·R)/∂y± = ±scale·λ·2d/(2h·B); the updater later divides the summed gradient by B again
            INDArray e = d.mul(scale * lambda / (step * x.rows()));
            INDArray g = backprop(net, plus, yPlus, e).dup();
            return g.addi(backprop(net, minus, yMinus, e.neg()));
        });
    }

    INDArray difference(MultiLayerNetwork net, INDArray x, INDArray u) {
        INDArray plus = net.output(x.add(u.mul(step)), true), minus = net.output(x.sub(u.mul(step)), true);
        return plus.subi(minus).divi(2 * step);
    }

    /** Σ_n e_nᵀ ∂y(x_n)/∂θ through the network's loss layer, given the outputs y at x. */
    private static INDArray backprop(MultiLayerNetwork net, INDArray x, INDArray y, INDArray e) {
        var out = (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) net.getLayer(net.getnLayers() - 1).conf().getLayer();
        INDArray labels;
        if (out.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSoftmax) {
            INDArray pe = y.mul(e).sum(true, 1);
            labels = y.sub(e.subColumnVector(pe).muli(y));
        } else {
            labels = y.sub(e.mul(y.columns() / 2.0));
        }
        net.setInput(x);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.getFlattenedGradients();
    }

    private static <T> T withoutDropout(MultiLayerNetwork net, java.util.function.Supplier<T> work) {
        var layers = net.getLayers();
        IDropout[] saved = new IDropout[layers.length];
        for (int i = 0; i < layers.length; i++) {
            saved[i] = layers[i].conf().getLayer().getIDropout();
            layers[i].conf().getLayer().setIDropout(null);
        }
        try {
            return work.get();
        } finally {
            for (int i = 0; i < layers.length; i++) layers[i].conf().getLayer().setIDropout(saved[i]);
        }
    }
}
