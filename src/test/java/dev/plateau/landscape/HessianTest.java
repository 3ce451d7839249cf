package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.Dataset;
import dev.plateau.space.Task;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Hessian numerics on models whose Hessian is known exactly: a linear model with MSE,
 * L(w, b) = (1/n)Σ(wᵀxᵢ + b − yᵢ)², has H = (2/n)·X̃ᵀX̃ with X̃ = [X 1], whatever the weights.
 */
class HessianTest {
    record Linear(LossSurface surface, double[][] hessian, double trace, double[] eigenvalues, MultiLayerNetwork net, Dataset data) {}

    /** @param scales per-feature scales, which set the Hessian's spectrum */
    static Linear linear(int n, double[] scales, long seed) {
        int d = scales.length;
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) x[i * d + j] = (float) (scales[j] * rng.nextGaussian());
            y[i] = rng.nextGaussian();
        }
        List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) names.add("x" + j);
        Dataset data = new Dataset("linear", Task.REGRESSION, names, List.of("y"), List.of(), null, n, x, y);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(d).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        double[][] h = new double[d + 1][d + 1];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= d; j++)
                for (int k = 0; k <= d; k++)
                    h[j][k] += 2.0 / n * (j < d ? x[i * d + j] : 1) * (k < d ? x[i * d + k] : 1);
        double trace = 0;
        for (int j = 0; j <= d; j++) trace += h[j][j];
        return new Linear(new LossSurface(net, data), h, trace, SymmetricEigen.eigenvalues(h), net, data);
    }

    @Test
    void gradientIsTheMeanLossGradient() {
        Linear m = linear(300, new double[] {1, 2, 0.5}, 1);
        INDArray w = m.surface().weights();
        INDArray g = m.surface().gradient(w);
        double[] d = {0.3, -0.2, 0.7, 0.1};
        INDArray dir = Nd4j.createFromArray(d);
        double eps = 1e-6;
        double fd = (m.surface().loss(w.add(dir.mul(eps))) - m.surface().loss(w.sub(dir.mul(eps)))) / (2 * eps);
        assertEquals(fd, g.mul(dir).sumNumber().doubleValue(), 1e-6 * Math.abs(fd));
    }

    @Test
    void topEigenvalueAndDeflatedSecondMatchTheExactHessian() {
        Linear m = linear(400, new double[] {3, 1, 0.5, 2, 0.2}, 2);
        HessianSpectrum.Result r = HessianSpectrum.top(m.surface(), 2, 100, 1e-6, 7);
        assertEquals(m.eigenvalues()[0], r.eigenvalues()[0], 0.01 * m.eigenvalues()[0]);
        assertEquals(m.eigenvalues()[1], r.eigenvalues()[1], 0.01 * m.eigenvalues()[1]);
        // the eigenvector satisfies Hv = λv
        double[][] h = m.hessian();
        double[] v = r.eigenvectors().get(0).toDoubleVector();
        for (int i = 0; i < v.length; i++) {
            double hv = 0;
            for (int j = 0; j < v.length; j++) hv += h[i][j] * v[j];
            assertEquals(r.eigenvalues()[0] * v[i], hv, 0.01 * r.eigenvalues()[0]);
        }
    }

    @Test
    void hutchinsonTraceIsWithinItsStandardErrorAndTwoPercent() {
        Linear m = linear(300, new double[] {1, 1.5, 0.8, 1.2, 1, 0.9}, 3);
        HutchinsonTrace.Result t = HutchinsonTrace.estimate(m.surface(), 400, 11);
        assertEquals(m.trace(), t.trace(), 3 * t.standardError(), "within 3 standard errors");
        assertEquals(m.trace(), t.trace(), 0.02 * m.trace(), "within 2% for 400 probes");
        // Rademacher probes: var(vᵀHv) = 2(‖H‖²_F − ΣH_ii²)
        double off = 0;
        for (int i = 0; i < m.hessian().length; i++)
            for (int j = 0; j < m.hessian().length; j++) if (i != j) off += m.hessian()[i][j] * m.hessian()[i][j];
        assertEquals(2 * off, t.variance(), 0.3 * 2 * off);
    }

    @Test
    void hessianVectorProductsAreSymmetricOnANonQuadraticNetwork() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 200, d = 4;
        float[] x = new float[n * d];
        double[] y = new double[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        for (int i = 0; i < n; i++) y[i] = Math.sin(x[i * d]) + x[i * d + 1] * x[i * d + 2];
        Dataset data = new Dataset("tanh", Task.REGRESSION, List.of("a", "b", "c", "e"), List.of("y"), List.of(), null, n, x, y);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(d).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        LossSurface s = new LossSurface(net, data);
        INDArray w = s.weights();
        INDArray u = HessianSpectrum.gaussian(s.dimension(), rng), v = HessianSpectrum.gaussian(s.dimension(), rng);
        double uHv = u.mul(s.hvp(w, v)).sumNumber().doubleValue(), vHu = v.mul(s.hvp(w, u)).sumNumber().doubleValue();
        assertEquals(uHv, vHu, 1e-6 * Math.abs(uHv));
        assertTrue(s.gradientSamples() == 4L * n, "each HVP costs two gradients over the set");
    }
}
