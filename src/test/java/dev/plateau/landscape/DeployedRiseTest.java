package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.Dataset;
import dev.plateau.data.TaskMetric;
import dev.plateau.exec.InstanceResult;
import dev.plateau.model.Resources;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.Metric;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.Regularization;
import dev.plateau.space.Task;
import dev.plateau.train.TrainingCost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The deployed metric on a model whose rise is known in closed form. A linear model fits its targets
 * exactly (y = wᵀx + b), and its four feature columns are orthogonal with unit mean square (columns of
 * a Hadamard matrix), so under isotropic kernel noise δ = σz the squared error is ‖δ‖² on average over
 * the rows and the RMSE is σ·χ₄: the expected rise is σ·√2·Γ(5/2)/Γ(2) = 1.87997σ with a standard
 * deviation per draw of σ·√(4 − 1.87997²). Both ways of predicting the rise — the antithetic probe and
 * the direct Monte Carlo test the cost rule picks — must give clean RMSE + that rise within three of
 * their own standard errors, and those standard errors must be the ones the draws really have.
 */
class DeployedRiseTest {
    static final int N = 256, D = 4, DRAWS = 400;
    static final double SIGMA = 0.01, CHI_MEAN = 1.8799712059732503, CHI_SD = Math.sqrt(4 - CHI_MEAN * CHI_MEAN);
    static Dataset data;
    static MultiLayerNetwork net;

    @BeforeAll
    static void exactLinearFit() {
        double[] w = {0.5, -1, 2, 0.25};
        double b = 0.3;
        float[] x = new float[N * D];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = b;
            for (int j = 0; j < D; j++) {
                // columns 1..4 of the 8×8 Sylvester–Hadamard matrix: entry (-1)^popcount(row & col)
                x[i * D + j] = Integer.bitCount((i % 8) & (j + 1)) % 2 == 0 ? 1 : -1;
                y[i] += w[j] * x[i * D + j];
            }
        }
        data = new Dataset("exact", Task.REGRESSION, List.of("a", "b", "c", "d"), List.of("y"), List.of(), null, N, x, y);
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(D).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build());
        net.init();
        net.setParams(Nd4j.createFromArray(new float[] {0.5f, -1f, 2f, 0.25f, 0.3f}).reshape(1, D + 1));
    }

    static LossSurface surface() {
        return new LossSurface(net, data, (outputs, d) -> TaskMetric.RMSE.compute(outputs, d.targets(), d.rows()));
    }

    static InstanceResult resultWith(double cleanRmse, List<ProxyValue> values) {
        Map<String, ProxyValue> proxies = new HashMap<>();
        values.forEach(v -> proxies.put(v.name(), v));
        Instance i = Instance.of(1, new CandidateSpec(Family.MLP, List.of(), List.of(8), Activation.RELU, 1e-3, 32, 2), 1);
        return new InstanceResult(i, null, "rmse", 0, 0, cleanRmse, 0, 0, proxies, new Resources(10, 10), 2, 0, 0, 0);
    }

    void assertKnownRise(InstanceResult r, double clean, String how) {
        double expected = clean + CHI_MEAN * SIGMA;
        double standardError = r.standardError(Metric.DEPLOYED_METRIC_WEIGHT_NOISE);
        assertEquals(CHI_SD * SIGMA / Math.sqrt(DRAWS), standardError, 0.15 * CHI_SD * SIGMA / Math.sqrt(DRAWS),
                how + ": the reported standard error is the draws' own");
        assertEquals(expected, r.metric(Metric.DEPLOYED_METRIC_WEIGHT_NOISE), 3 * standardError, how + ": clean + known rise within 3 standard errors");
        assertEquals(r.metric(Metric.DEPLOYED_METRIC_WEIGHT_NOISE), r.metric(Metric.DEPLOYED_METRIC), 1e-15,
                "with only weight noise declared, the combined deployed metric is that one");
        assertEquals(standardError, r.standardError(Metric.DEPLOYED_METRIC), 1e-15);
    }

    @Test
    void theProbeGivesTheKnownRiseWithinItsStandardError() {
        LossSurface s = surface();
        double clean = s.metricOf(s.outputs(s.weights()));
        assertTrue(clean < 1e-5, "the model fits its targets exactly: " + clean);
        List<ProxyValue> probe = new NoiseCurvatureProxy(NoiseGeometry.ISOTROPIC, SIGMA, DRAWS, N).measure(s, MeasureContext.seed(5));
        Map<String, ProxyValue> earlier = new HashMap<>();
        probe.forEach(v -> earlier.put(v.name(), v));
        // no training budget: the risk falls back on the probe, as it does when the direct test costs too much
        List<ProxyValue> risk = new RiskProxy(NoiseGeometry.ISOTROPIC, SIGMA, new RiskProxy.Settings(null, DRAWS, null))
                .measure(s, new MeasureContext(7, null, dev.plateau.model.quant.IntegerForm.POST_TRAINING, 1, earlier));
        assertEquals(0, risk.stream().filter(v -> v.name().equals("weight_noise_risk_measured")).findFirst().orElseThrow().value());
        List<ProxyValue> all = new java.util.ArrayList<>(probe);
        all.addAll(risk);
        assertKnownRise(resultWith(clean, all), clean, "probe");
    }

    @Test
    void theDirectTestGivesTheKnownRiseWithinItsStandardError() {
        LossSurface s = surface();
        double clean = s.metricOf(s.outputs(s.weights()));
        Map<String, ProxyValue> earlier = new HashMap<>();
        new NoiseCurvatureProxy(NoiseGeometry.ISOTROPIC, SIGMA, 1, N).measure(s, MeasureContext.seed(5)).forEach(v -> earlier.put(v.name(), v));
        // a long training run: the direct test costs a small share of it, so the cost rule picks it
        TrainingCost longRun = TrainingCost.of(100_000, N, 32, Regularization.NONE, D);
        List<ProxyValue> risk = new RiskProxy(NoiseGeometry.ISOTROPIC, SIGMA, new RiskProxy.Settings(0.1, DRAWS, 0.0))
                .measure(s, new MeasureContext(11, longRun, dev.plateau.model.quant.IntegerForm.POST_TRAINING, 1, earlier));
        assertEquals(1, risk.stream().filter(v -> v.name().equals("weight_noise_risk_measured")).findFirst().orElseThrow().value());
        assertKnownRise(resultWith(clean, risk), clean, "direct");
    }

    @Test
    void aNegativeRiseCountsAsZeroButKeepsItsStandardError() {
        InstanceResult r = resultWith(0.05, List.of(new ProxyValue("weight_noise_risk", -0.002, 0, 0, 0),
                new ProxyValue("weight_noise_risk_stderr", 0.003, 0, 0, 0),
                new ProxyValue("fault_curvature_metric", 0.01, 0, 0, 0), new ProxyValue("fault_curvature_metric_stderr", 0.004, 0, 0, 0)));
        assertEquals(0.05 + 0 + 0.01, r.metric(Metric.DEPLOYED_METRIC), 1e-15, "never better than a flat model");
        assertEquals(0.05, r.metric(Metric.DEPLOYED_METRIC_WEIGHT_NOISE), 1e-15);
        assertEquals(0.003, r.standardError(Metric.DEPLOYED_METRIC_WEIGHT_NOISE), 1e-15, "flat to within its standard error");
        assertEquals(0.005, r.standardError(Metric.DEPLOYED_METRIC), 1e-15, "standard errors add in quadrature");
    }
}
