package dev.plateau.landscape;

import dev.plateau.data.Dataset;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.train.Batches;
import dev.plateau.train.TaskLoss;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Antithetic weight-noise curvature C = mean over K pairs of ½[L(w+δ) + L(w−δ)] − L(w), with
 * δ = σ·s⊙z and z standard normal (flatness-proxies.md §0). The gradient term cancels, so for small
 * σ, E[C] = ½σ²·Σ sᵢ²Hᵢᵢ: a forward-only Hutchinson estimate of the Hessian trace in the geometry s —
 * 1 (isotropic), |w| (multiplicative) or the range of each weight's tensor (layer range).
 *
 * <p>Runs in double precision on a copy of the network, so the trained network is never touched and
 * the small loss differences are not lost to float rounding.
 */
public record NoiseCurvatureProxy(NoiseGeometry geometry, double sigma, int pairs) {
    public static final String NAME = "noise_curvature";

    public NoiseCurvatureProxy {
        if (!(sigma > 0) || pairs < 1) throw new IllegalArgumentException("sigma must be > 0 and pairs >= 1");
    }

    public ProxyValue measure(MultiLayerNetwork trained, Dataset eval, long seed) {
        long start = System.nanoTime();
        MultiLayerNetwork net = trained.convertDataType(DataType.DOUBLE);
        INDArray x = Batches.features(eval, 0, eval.rows(), DataType.DOUBLE);
        INDArray w0 = net.params().dup();
        double[] scale = scale(net, w0);
        double base = loss(net, x, eval);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] delta = new double[scale.length];
        double sum = 0;
        for (int k = 0; k < pairs; k++) {
            for (int i = 0; i < delta.length; i++) delta[i] = sigma * scale[i] * rng.nextGaussian();
            INDArray d = Nd4j.createFromArray(delta);
            net.setParams(w0.add(d));
            double plus = loss(net, x, eval);
            net.setParams(w0.sub(d));
            double minus = loss(net, x, eval);
            sum += 0.5 * (plus + minus) - base;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ProxyValue(NAME, sum / pairs, (long) eval.rows() * (1 + 2L * pairs), 0, seconds);
    }

    /** The per-weight scale s of the geometry, in the order of {@code net.params()}. */
    double[] scale(MultiLayerNetwork net, INDArray w0) {
        return switch (geometry) {
            case ISOTROPIC -> { double[] s = new double[(int) w0.length()]; java.util.Arrays.fill(s, 1.0); yield s; }
            case MULTIPLICATIVE -> org.nd4j.linalg.ops.transforms.Transforms.abs(w0, true).toDoubleVector();
            case LAYER_RANGE -> layerRanges(net, w0);
        };
    }

    /**
     * Each weight gets its tensor's range max − min. The tensors are views into the flat parameter
     * vector, so writing the range into each view and reading the flat vector back gives the scale in
     * flat order whatever order DL4J lays the tensors out in (conv layers put the bias first).
     */
    private static double[] layerRanges(MultiLayerNetwork net, INDArray w0) {
        for (Layer layer : net.getLayers())
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                INDArray view = p.getValue();
                view.assign(view.maxNumber().doubleValue() - view.minNumber().doubleValue());
            }
        double[] s = net.params().toDoubleVector();
        net.setParams(w0);
        return s;
    }

    private static double loss(MultiLayerNetwork net, INDArray x, Dataset eval) {
        double[] out = net.output(x, false).ravel().toDoubleVector();
        return TaskLoss.of(eval.task(), out, eval.targets(), eval.rows());
    }
}
