package dev.plateau.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.CaloTarget;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.space.CaloVariant;
import dev.plateau.data.Dataset;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.landscape.HessianProxy;
import dev.plateau.landscape.NoiseCurvatureProxy;
import dev.plateau.landscape.ProbeSettings;
import dev.plateau.landscape.ProxyFamilies;
import dev.plateau.landscape.RiskProxy;
import dev.plateau.landscape.SharpnessProxy;
import dev.plateau.landscape.SigmaStarProxy;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.ProxySettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceEvaluatorTest {
    static final ProxySettings PROXY = ProxySettings.defaults().with(new NoiseCurvatureProxy.Settings(null, 0.05, 4, 128));
    static final Dataset CALO = new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 1000, 3)
            .toDataset(CaloTarget.ENERGY);
    static final PreparedData DATA = PreparedData.split(CALO, 0.2, 0.2, 5, TaskMetric.RELATIVE_RMSE);

    @Test
    void anOkInstanceHasLossesMetricProxyAndAModel() {
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 3)), List.of(16), Activation.RELU, 1e-2, 32, 8);
        Evaluation e = new InstanceEvaluator(DATA, PROXY, DeploymentSpec.none()).evaluate(Instance.of(9, spec, 1));
        InstanceResult r = e.result();
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertNotNull(e.model());
        assertTrue(r.valLoss() > 0 && r.valLoss() < 1, "val loss " + r.valLoss());
        // Energy from cell sums is easy: a trained network resolves it far better than predicting the mean.
        assertTrue(r.valMetric() < 0.2, "relative resolution " + r.valMetric());
        assertTrue(r.proxies().get("noise_curvature").value() > 0);
        assertEquals(128L * (1 + 2 * 4), r.proxies().get("noise_curvature").forwardSamples());
        assertEquals(8, r.epochs());
    }

    @Test
    void everyProxyFamilyReportsItsValuesAndCosts() {
        var all = ProxySettings.defaults().computing(new ProxyFamilies().families()).with(new NoiseCurvatureProxy.Settings(null, 0.05, 2, 64))
                .with(new HessianProxy.Settings(5, 1e-3, 4, 64)).with(new SigmaStarProxy.Settings(1.0, 2, 6, 64))
                .with(new SharpnessProxy.Settings(0.05, 0.01, 64)).with(new ProbeSettings(4, 64)).with(new RiskProxy.Settings(0.1, 3, null));
        var deployment = new DeploymentSpec(new DeploymentSpec.WeightNoise(NoiseGeometry.LAYER_RANGE, 0.02),
                new DeploymentSpec.InputNoise(0.1), new DeploymentSpec.Faults(3, null));
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 3)), List.of(16), Activation.RELU, 1e-2, 32, 3);
        InstanceResult r = new InstanceEvaluator(DATA, all, deployment).evaluate(Instance.of(9, spec, 1)).result();
        assertTrue(r.ok(), String.valueOf(r.failure()));
        for (var family : ProxyFamilies.ALL)
            for (String name : family.values()) assertTrue(r.proxies().containsKey(name), "missing " + name);
        assertTrue(r.proxies().get("hessian_lambda_max").gradientSamples() > 0, "HVPs cost gradients");
        assertTrue(r.proxies().get("hessian_trace").value() > 0);
        assertTrue(r.proxies().get("sigma_star").value() > 0);
        assertTrue(r.proxies().get("input_noise_probe").forwardSamples() == 64L * 5, "clean + 4 draws of 64 rows");
        assertTrue(r.proxies().get("stable_rank").value() >= 1);
        assertTrue(r.proxies().get("outlier_ratio").value() >= 1);
        double fault = r.proxies().get("fault_probe").value();
        assertTrue(Double.isFinite(fault) && Math.abs(fault) <= 3 * 1.0, "bounded by 3 flips x the destroyed-model cap: " + fault);
    }

    @Test
    void theSameInstanceGivesTheSameResultOnAnotherThread() throws Exception {
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(16, 8), Activation.ELU, 3e-3, 64, 3);
        InstanceEvaluator ev = new InstanceEvaluator(DATA, PROXY, DeploymentSpec.none());
        Instance inst = Instance.of(9, spec, 2);
        InstanceResult here = ev.evaluate(inst).result();
        InstanceResult[] there = new InstanceResult[1];
        Thread t = new Thread(() -> there[0] = ev.evaluate(inst).result());
        t.start();
        t.join();
        assertEquals(here.valLoss(), there[0].valLoss());
        assertEquals(here.proxies().get("noise_curvature").value(), there[0].proxies().get("noise_curvature").value());
    }

    @Test
    void aConfigurationThatDoesNotFitFailsWithItsReason() {
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 7), new ConvLayerSpec(4, 7)),
                List.of(8), Activation.RELU, 1e-3, 64, 1);
        Evaluation e = new InstanceEvaluator(DATA, PROXY, DeploymentSpec.none()).evaluate(Instance.of(9, spec, 1));
        assertFalse(e.result().ok());
        assertNull(e.model());
        assertTrue(e.result().failure().contains("kernel 7x7 does not fit the 4x4 feature map"), e.result().failure());
        assertTrue(Double.isNaN(e.result().valLoss()));
    }

    @Test
    void aDivergingTrainingIsRecordedAsFailed() {
        // Features near float's limit overflow the first layer: the loss turns non-finite in epoch 1.
        float[] x = DATA.train().features().clone();
        java.util.Arrays.fill(x, 3e37f);
        Dataset t = DATA.train();
        Dataset huge = new Dataset(t.name(), t.task(), t.featureNames(), t.targetNames(), t.classLabels(), t.imageShape(), t.rows(), x, t.targets());
        PreparedData bad = new PreparedData(huge, DATA.validation(), DATA.test(), DATA.metric(), DATA.featureMean(), DATA.featureScale(),
                DATA.targetMean(), DATA.targetScale());
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(32), Activation.RELU, 1e-3, 64, 2);
        InstanceResult r = new InstanceEvaluator(bad, PROXY, DeploymentSpec.none()).evaluate(Instance.of(9, spec, 1)).result();
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.failure().startsWith("diverged"), r.failure());
    }

    @Test
    void everyRegularizerAndDataGeneTrainsAndItsSavedModelReproducesTheResult() throws Exception {
        var all = new dev.plateau.space.Regularization(1e-5, 1e-4, 1e-3, 0.1, true, 0.02, 1e-3, 1e-3,
                dev.plateau.space.Sharpness.SAMSON, 0.05);
        CandidateSpec mlp = new CandidateSpec(Family.MLP, List.of(), List.of(16, 8), Activation.RELU, 1e-2, 32, 4, 8, 8, true,
                all, 300, true, true);
        CandidateSpec cnn = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 3)), List.of(16, 8), Activation.RELU, 1e-2, 32, 4,
                8, 8, true, all, 300, true, false);
        for (CandidateSpec spec : List.of(mlp, cnn)) check(spec);
    }

    private static void check(CandidateSpec spec) throws Exception {
        String what = spec.canonical();
        Instance instance = Instance.of(9, spec, 1);
        Evaluation e = new InstanceEvaluator(DATA, PROXY, DeploymentSpec.none()).evaluate(instance);
        InstanceResult r = e.result();
        assertTrue(r.ok(), what + ": " + r.failure());
        assertTrue(r.valMetric() < 0.5, what + ": relative resolution " + r.valMetric());
        var saved = dev.plateau.model.DeployedModel.read(e.model());
        assertTrue(saved.input().totalEnergy(), "the schema says the network takes the total energy");
        var model = saved.plateauNetwork();
        assertEquals(226, dev.plateau.model.NetworkFactory.inputWidth(model), "225 cells and the total energy");
        assertEquals(spec.family() == Family.MLP ? 3 : 5, model.getnLayers(), "the saved model is the deployed form (batch norm folded): " + what);
        Dataset validation = saved.input().networkRows(DATA.validation());
        double[] out = dev.plateau.train.Predictions.of(model, validation);
        assertEquals(r.valLoss(), dev.plateau.train.TaskLoss.of(validation.task(), out, validation.targets(), validation.rows()), 1e-6);
        InstanceResult again = new InstanceEvaluator(DATA, PROXY, DeploymentSpec.none()).evaluate(instance).result();
        assertEquals(r.trainLoss(), again.trainLoss(), 0.0, "a regularized instance is a pure function of its configuration and seeds");
        assertEquals(r.valLoss(), again.valLoss(), 0.0);
        assertEquals(r.proxies().get("noise_curvature").value(), again.proxies().get("noise_curvature").value(), 0.0);
    }
}
