package dev.plateau;

import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A gradient checked against central finite differences of a scalar function of a network's parameters. */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * max over the checked parameters of |FD − gradient| / max|gradient|, with step 1e-6, for every
     * {@code stride}-th parameter; the network's parameters are restored afterwards.
     */
    public static double maxRelativeError(MultiLayerNetwork net, INDArray gradient, ToDoubleFunction<MultiLayerNetwork> value, int stride) {
        INDArray w = net.params().dup();
        double worst = 0, scale = Math.max(1e-8, gradient.amaxNumber().doubleValue()), h = 1e-6;
        for (int i = 0; i < w.length(); i += stride) {
            INDArray p = w.dup();
            p.putScalar(i, w.getDouble(i) + h);
            net.setParams(p);
            double up = value.applyAsDouble(net);
            p.putScalar(i, w.getDouble(i) - h);
            net.setParams(p);
            double down = value.applyAsDouble(net);
            worst = Math.max(worst, Math.abs((up - down) / (2 * h) - gradient.getDouble(i)) / scale);
        }
        net.setParams(w);
        return worst;
    }
}
