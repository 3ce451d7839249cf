package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.model.Resources;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task metric as deployed: the clean validation error plus each declared disturbance's predicted
 * rise (never below 0), as objectives a study optimises, refused when the deployment declares nothing
 * for them or their predictor is not computed.
 */
class DeployedMetricTest {
    static final String SPACE = """
            study: {name: deployed, seed: 8}
            dataset:
              calo: {variant: A, events: 1500, target: energy}
              split: {validation: 0.2, test: 0.2}
            architecture: {families: [mlp], dense_layers: {min: 1, max: 2}, dense_widths: [8, 16], energy_input: [true]}
            training: {learning_rates: [0.01], batch_sizes: [64], epochs: [4]}
            precision: {weight_bits: [4, 8], activation_bits: [32]}
            deployment:
              weight_noise: {geometry: multiplicative, level: 0.05}
              faults: {bit_flips: 2}
            search:
              population: 4
              generations: 2
              objectives: [{name: deployed_metric}, {name: deployed_metric_faults, statistic: max}, {name: bops}]
            """;

    @TempDir
    Path dir;

    static InstanceResult result(String metric, double valMetric, Map<String, Double> proxies) {
        Instance i = Instance.of(1, new CandidateSpec(Family.MLP, List.of(), List.of(8), Activation.RELU, 1e-3, 32, 2), 1);
        Map<String, ProxyValue> p = new java.util.HashMap<>();
        proxies.forEach((k, v) -> p.put(k, new ProxyValue(k, v, 0, 0, 0)));
        return new InstanceResult(i, null, metric, 0.1, 0.1, valMetric, 0, 0, p, new Resources(10, 10), 2, 0, 0, 0);
    }

    @Test
    void theDeployedMetricIsTheCleanErrorPlusEachDeclaredRiseNeverBelowZero() {
        InstanceResult r = result("relative_rmse", 0.05, Map.of("weight_noise_risk", 0.02, "fault_curvature_metric", -0.004,
                "input_noise_probe_metric", 0.01));
        assertEquals(0.05 + 0.02 + 0 + 0.01, r.metric(Metric.DEPLOYED_METRIC), 1e-15, "a negative rise counts as 0, not as a bonus");
        assertEquals(0.07, r.metric("deployed_metric_weight_noise"), 1e-15);
        assertEquals(0.05, r.metric("deployed_metric_faults"), 1e-15);
        assertEquals(0.06, r.metric("deployed_metric_input_noise"), 1e-15);
        // a classifier's deployed metric is an error: 1 − accuracy, plus the rise of the error
        InstanceResult c = result("accuracy", 0.9, Map.of("weight_noise_risk", 0.03));
        assertEquals(0.1 + 0.03, c.metric(Metric.DEPLOYED_METRIC), 1e-12);
        // nothing declared, nothing measured: the clean error
        assertEquals(0.05, result("relative_rmse", 0.05, Map.of()).metric(Metric.DEPLOYED_METRIC), 1e-15);
    }

    @Test
    void aStudyOptimisesTheDeployedMetricOfItsDeclaredDeployment() throws Exception {
        Path space = dir.resolve("deployed.yaml"), study = dir.resolve("study");
        Files.writeString(space, SPACE);
        CliRun r = CliRun.of("search", space.toString(), "--out", study.toString(), "--max-restarts", "0", "--verify", "off");
        assertEquals(0, r.code(), r.output());
        List<CSVRecord> candidates = SearchEndToEndTest.read(study.resolve("candidates.csv"));
        List<CSVRecord> pareto = SearchEndToEndTest.read(study.resolve("pareto.csv"));
        assertTrue(!pareto.isEmpty(), r.output());
        for (CSVRecord member : pareto) {
            List<CSVRecord> instances = candidates.stream().filter(c -> c.get("config_id").equals(member.get("config_id")) && c.get("status").equals("ok")).toList();
            double mean = 0, worstFaults = Double.NEGATIVE_INFINITY;
            for (CSVRecord c : instances) {
                double clean = Double.parseDouble(c.get("val_metric"));
                double risk = Math.max(0, Double.parseDouble(c.get("weight_noise_risk")));
                double faults = Math.max(0, Double.parseDouble(c.get("fault_curvature_metric")));
                mean += (clean + risk + faults) / instances.size();
                worstFaults = Math.max(worstFaults, clean + faults);
            }
            assertEquals(mean, Double.parseDouble(member.get("deployed_metric_mean")), 1e-12 * mean, "mean over instances of clean + rises");
            assertEquals(worstFaults, Double.parseDouble(member.get("deployed_metric_faults_max")), 1e-12 * worstFaults);
        }
    }

    @Test
    void aDeployedMetricWithoutItsDisturbanceOrPredictorIsRefused() throws Exception {
        Path none = dir.resolve("none.yaml");
        Files.writeString(none, SPACE.replace("""
                deployment:
                  weight_noise: {geometry: multiplicative, level: 0.05}
                  faults: {bit_flips: 2}
                """, ""));
        CliRun r = CliRun.of("search", none.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("'deployed_metric'") && r.output().contains("declare it under deployment"), r.output());

        Path uncomputed = dir.resolve("uncomputed.yaml");
        Files.writeString(uncomputed, SPACE + "proxy: {compute: [noise_curvature, risk]}\n");
        CliRun u = CliRun.of("search", uncomputed.toString(), "--out", dir.resolve("y").toString());
        assertEquals(2, u.code(), u.output());
        assertTrue(u.output().contains("fault_curvature_metric"), u.output());
    }
}
