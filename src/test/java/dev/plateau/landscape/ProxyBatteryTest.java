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
import dev.plateau.train.Trainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Families are independent: each draws from a stream named after it, and declares everything about itself. */
class ProxyBatteryTest {
    static PreparedData data;
    static MultiLayerNetwork net;
    static final DeploymentSpec DEPLOYMENT = new DeploymentSpec(new DeploymentSpec.WeightNoise(NoiseGeometry.MULTIPLICATIVE, 0.05),
            new DeploymentSpec.InputNoise(0.1), new DeploymentSpec.Faults(2, null));

    @BeforeAll
    static void trained() {
        data = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 600, 3)
                .toDataset(CaloTarget.ENERGY), 0.25, 0.0, 5, TaskMetric.RELATIVE_RMSE);
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(8), Activation.RELU, 1e-2, 32, 2);
        net = NetworkFactory.build(spec, Architecture.of(spec, 225, null, 1), data.train().task(), 3);
        Trainer.train(net, data, 32, 2, 5);
    }

    private static Map<String, ProxyValue> measure(List<String> families) {
        ProxySettings settings = ProxySettings.defaults().computing(families).with(new NoiseCurvatureProxy.Settings(null, null, 3, 64))
                .with(new ProbeSettings(3, 64)).with(new SigmaStarProxy.Settings(1.0, 2, 4, 64));
        return new ProxyBattery(settings, DEPLOYMENT, data.train().task(), 1).measure(net, data.validation(), data::lowerIsBetter, 11);
    }

    @Test
    void reorderingOrAddingFamiliesChangesNoOtherFamilysValues() {
        List<String> families = List.of("noise_curvature", "sigma_star", "input_noise", "faults", "fault_curvature");
        Map<String, ProxyValue> forward = measure(families);
        List<String> reversed = new ArrayList<>(families);
        java.util.Collections.reverse(reversed);
        Map<String, ProxyValue> backward = measure(reversed);
        Map<String, ProxyValue> alone = measure(List.of("input_noise"));
        assertEquals(13, forward.size(), "2 + 1 + 2 + 2 + 2 values, and a standard error for each of the 4 forward probes' metric rise");
        for (String name : forward.keySet())
            assertEquals(forward.get(name).value(), backward.get(name).value(), 0.0, name + " depends on the order of proxy.compute");
        assertEquals(forward.get("input_noise_probe").value(), alone.get("input_noise_probe").value(), 0.0, "other families changed input_noise");
        assertEquals(forward.get("fault_probe").value(), measure(families).get("fault_probe").value(), 0.0, "reproducible");
        org.junit.jupiter.api.Assertions.assertNull(measure(List.of("noise_curvature")).get("input_noise_probe"), "only the families asked for run");
    }

    @Test
    void aRequiredFamilyIsMeasuredFirstWhateverTheOrder() {
        Map<String, ProxyValue> v = measure(List.of("risk", "noise_curvature"));
        assertEquals(0.0, v.get("weight_noise_risk_measured").value(), "no training budget: the risk falls back on the probe");
        assertEquals(v.get("noise_curvature_metric").value(), v.get("weight_noise_risk").value(), 0.0);
    }

    @Test
    void theRegistryDeclaresEveryValueOnceAndEverySettingsBlockWithOneType() {
        var seen = new HashSet<String>();
        for (ProxyFamily<?> f : ProxyFamilies.ALL) {
            for (String value : f.values()) assertTrue(seen.add(value), value + " is produced by two families");
            for (String needed : f.requires()) ProxyFamilies.named(needed);
            if (f.settingsKey() != null)
                assertEquals(new ProxyFamilies().settingsBlocks().get(f.settingsKey()), f.settingsType(), f.name() + " reads block " + f.settingsKey());
        }
        assertEquals(List.of("noise_curvature", "risk", "input_noise", "fault_curvature"), ProxySettings.defaults().families(DEPLOYMENT));
        assertEquals(List.of("noise_curvature"), ProxySettings.defaults().families(DeploymentSpec.none()));
    }
}
