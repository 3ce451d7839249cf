package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.Dataset;
import dev.plateau.space.Task;
import dev.plateau.space.NoiseGeometry;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A linear model with MSE, L(w) = (1/n)Σ(wᵀxᵢ + b − yᵢ)², is exactly quadratic: its Hessian is
 * H = (2/n)·X̃ᵀX̃ with X̃ = [X 1], and the antithetic probe equals ½δᵀHδ with no higher-order term.
 * The noise touches the kernel only (δ_b = 0), as deployed weight noise does.
 */
class NoiseCurvatureProxyTest {
    static final int N = 200, D = 4;
    static Dataset data;
    static MultiLayerNetwork net;
    static double[][] hessian;   // (D+1)x(D+1), weights then bias

    @BeforeAll
    static void linearModel() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[N * D];
        double[] y = new double[N];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * (1 + i % D));
        for (int i = 0; i < N; i++) y[i] = rng.nextGaussian();
        data = new Dataset("linear", Task.REGRESSION, List.of("a", "b", "c", "d"), List.of("y"), List.of(), null, N, x, y);
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(D).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        hessian = new double[D + 1][D + 1];
        for (int i = 0; i < N; i++)
            for (int j = 0; j <= D; j++)
                for (int k = 0; k <= D; k++) {
                    double xj = j < D ? x[i * D + j] : 1, xk = k < D ? x[i * D + k] : 1;
                    hessian[j][k] += 2.0 / N * xj * xk;
                }
    }

    /** ½σ²·Σ sᵢ²Hᵢᵢ and the standard deviation of one pair's value, ½σ²·sqrt(2‖DHD‖²_F). */
    static double[] expectation(double[] s, double sigma) {
        double trace = 0, frob = 0;
        for (int j = 0; j <= D; j++) {
            trace += s[j] * s[j] * hessian[j][j];
            for (int k = 0; k <= D; k++) frob += Math.pow(s[j] * hessian[j][k] * s[k], 2);
        }
        return new double[] {0.5 * sigma * sigma * trace, 0.5 * sigma * sigma * Math.sqrt(2 * frob)};
    }

    @Test
    void isotropicProbeEstimatesHalfSigmaSquaredTrace() {
        int pairs = 4000;
        double sigma = 0.01;
        ProxyValue v = new NoiseCurvatureProxy(NoiseGeometry.ISOTROPIC, sigma, pairs, N).measure(new LossSurface(net, data), MeasureContext.seed(17)).get(0);
        double[] s = new double[D + 1];
        java.util.Arrays.fill(s, 0, D, 1);  // kernels only: deployed weight noise leaves biases clean
        double[] e = expectation(s, sigma);
        double standardError = e[1] / Math.sqrt(pairs);
        assertEquals(e[0], v.value(), 3 * standardError, "within 3 standard errors");
        assertEquals(e[0], v.value(), 0.05 * e[0], "and within 5%");
        assertEquals((long) N * (1 + 2 * pairs), v.forwardSamples());
    }

    @Test
    void multiplicativeProbeWeighsTheHessianDiagonalByWeightsSquared() {
        int pairs = 4000;
        double sigma = 0.05;
        ProxyValue v = new NoiseCurvatureProxy(NoiseGeometry.MULTIPLICATIVE, sigma, pairs, N).measure(new LossSurface(net, data), MeasureContext.seed(19)).get(0);
        double[] w = net.params().toDoubleVector();
        double[] s = new double[D + 1];
        for (int j = 0; j < D; j++) s[j] = Math.abs(w[j]);  // the bias stays clean
        double[] e = expectation(s, sigma);
        assertEquals(e[0], v.value(), 3 * e[1] / Math.sqrt(pairs));
    }

    @Test
    void onAQuadraticTheProbeScalesExactlyWithSigmaSquared() {
        // Same seed, same z: C(2σ) = 4·C(σ) holds to rounding only if the probe cancels the gradient term.
        NoiseCurvatureProxy small = new NoiseCurvatureProxy(NoiseGeometry.LAYER_RANGE, 0.01, 3, N);
        NoiseCurvatureProxy large = new NoiseCurvatureProxy(NoiseGeometry.LAYER_RANGE, 0.02, 3, N);
        double c1 = small.measure(new LossSurface(net, data), MeasureContext.seed(23)).get(0).value();
        double c2 = large.measure(new LossSurface(net, data), MeasureContext.seed(23)).get(0).value();
        assertEquals(4 * c1, c2, 1e-6 * Math.abs(c2));
        assertTrue(c1 > 0);
    }

    @Test
    void layerRangeScaleIsEachTensorsRange() {
        LossSurface surface = new LossSurface(net, data);
        double[] w = surface.weights().toDoubleVector();
        double[] s = surface.scale(NoiseGeometry.LAYER_RANGE).toDoubleVector();
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < D; j++) {
            max = Math.max(max, w[j]);
            min = Math.min(min, w[j]);
        }
        for (int j = 0; j < D; j++) assertEquals(max - min, s[j], 1e-12);
        assertEquals(0.0, s[D], "biases are never perturbed");
        assertEquals(List.of(0, D),
                surface.blocks().stream().map(dev.plateau.model.ParamBlock::offset).toList());
    }

    @Test
    void theTrainedNetworkIsLeftUntouched() {
        double[] before = net.params().toDoubleVector();
        new NoiseCurvatureProxy(NoiseGeometry.ISOTROPIC, 0.5, 2, N).measure(new LossSurface(net, data), MeasureContext.seed(1));
        new NoiseCurvatureProxy(NoiseGeometry.ISOTROPIC, 0.5, 2, N).measure(new LossSurface(net, data, null, DataType.FLOAT), MeasureContext.seed(1));
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(net.params().toDoubleVector()));
    }
}
