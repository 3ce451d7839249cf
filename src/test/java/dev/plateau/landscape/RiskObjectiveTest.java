package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.CaloTarget;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.space.CaloVariant;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.Architecture;
import dev.plateau.model.NetworkFactory;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.Family;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.ProxySettings;
import dev.plateau.space.Regularization;
import dev.plateau.space.Sharpness;
import dev.plateau.train.Trainer;
import dev.plateau.train.TrainingCost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost-aware objective: measured directly when cheap enough, the matching proxy otherwise. */
class RiskObjectiveTest {
    @Test
    void directWhenCheapProxyWhenNot() {
        PreparedData data = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 800, 3)
                .toDataset(CaloTarget.ENERGY), 0.25, 0.0, 5, TaskMetric.RELATIVE_RMSE);
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(16), Activation.RELU, 1e-2, 32, 4);
        Architecture arch = Architecture.of(spec, 225, null, 1);
        var net = NetworkFactory.build(spec, arch, data.train().task(), 3);
        Trainer.train(net, data, 32, 4, 5);
        var settings = ProxySettings.defaults().computing(List.of("noise_curvature", "risk")).with(new RiskProxy.Settings(0.1, 200, 4e6));
        var deployment = new DeploymentSpec(new DeploymentSpec.WeightNoise(NoiseGeometry.MULTIPLICATIVE, 0.05), null, null);
        ProxyBattery battery = new ProxyBattery(settings, deployment, data.train().task(), 1);
        long macs = arch.resources().macs();
        assertEquals(225 * 16 + 16, macs);

        var generous = battery.measure(net, data.validation(), data::lowerIsBetter, 1, new TrainingCost(1_000_000, 32, 1, macs), dev.plateau.model.quant.IntegerForm.POST_TRAINING);
        assertEquals(1.0, generous.get("weight_noise_risk_measured").value());
        assertEquals((long) data.validation().rows() * 201, generous.get("weight_noise_risk").forwardSamples(),
                "clean + 200 draws over the whole validation set");
        double share = data.validation().rows() * 201.0 * macs / (1_000_000 * (4e6 + 32 * 3 * macs));
        assertEquals(share, generous.get("weight_noise_risk_direct_work").value(), 1e-12 * share, "counted work, not time");
        var tight = battery.measure(net, data.validation(), data::lowerIsBetter, 1, new TrainingCost(1, 32, 1, macs), dev.plateau.model.quant.IntegerForm.POST_TRAINING);
        assertEquals(0.0, tight.get("weight_noise_risk_measured").value());
        assertEquals(tight.get("noise_curvature_metric").value(), tight.get("weight_noise_risk").value(), "falls back on the proxy");
        assertTrue(tight.get("weight_noise_risk_direct_seconds").value() > 0, "the direct test's estimated time is recorded");
        // both estimate E[M(w+δ)] − M(w): same sign and order of magnitude
        double direct = generous.get("weight_noise_risk").value(), proxy = tight.get("weight_noise_risk").value();
        assertTrue(direct > 0 && proxy > 0 && direct / proxy < 5 && proxy / direct < 5, "direct " + direct + " proxy " + proxy);
    }

    @Test
    void trainingWorkCountsStepsAndGradientEvaluations() {
        var plain = TrainingCost.of(3, 1000, 64, Regularization.NONE, 500);
        assertEquals(3 * 16, plain.steps(), "16 minibatches of at most 64 rows per epoch");
        assertEquals(1, plain.gradientsPerStep());
        assertEquals(48 * (1e6 + 64 * 3 * 500), plain.macs(1e6), 1e-6);
        var sharp = new Regularization(0, 0, 0, 0, false, 0, 0, 1e-3, Sharpness.SAM, 0.05);
        assertEquals(4, TrainingCost.of(3, 1000, 64, sharp, 500).gradientsPerStep(), "SAM's ascent + the Jacobian's two backward passes");
    }
}
