package dev.plateau.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.Baselines;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.data.CsvDatasetReader;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.exec.InstanceResult;
import dev.plateau.model.Resources;
import dev.plateau.space.Activation;
import dev.plateau.space.CaloTarget;
import dev.plateau.space.CaloVariant;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.ObjectiveSpec;
import dev.plateau.space.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The usefulness floor: the trivial predictor's and the calibrated energy sum's metrics, and an archive
 * that never admits a configuration not clearly better than the trivial predictor — however cheap or flat.
 */
class UsefulnessFloorTest {
    static InstanceResult result(int width, String metric, double valMetric, long macs) {
        Instance i = Instance.of(1, new CandidateSpec(Family.MLP, List.of(), List.of(width), Activation.RELU, 1e-3, 32, 2), 1);
        return new InstanceResult(i, null, metric, 0.1, valMetric, valMetric, 0, 0, Map.of(), new Resources(macs, macs), 2, 0, 0, 0);
    }

    @Test
    void theTrivialPredictorOfAClassifierIsTheMajorityClass() throws Exception {
        var magic = new CsvDatasetReader(Path.of("../shared/datasets/magic-gamma/magic04_with_header.csv"), List.of(), List.of("class"),
                Task.CLASSIFICATION, false).read();
        PreparedData data = PreparedData.split(magic, 0.2, 0.2, 3, TaskMetric.ACCURACY);
        Baselines b = Baselines.of(data, false, null);
        // the majority class 'g' is 64.8 % of MAGIC; on a 3,804-row validation split it lands within a point of that
        long g = 0;
        int gIndex = data.train().classLabels().indexOf("g");
        for (double y : data.validation().targets()) if ((int) y == gIndex) g++;
        assertEquals(g / (double) data.validation().rows(), b.trivial(), 1e-12);
        assertEquals(0.648, b.trivial(), 0.01);
        assertNull(b.domain());
        assertEquals(1 - b.trivial(), b.error(b.trivial()), 1e-15);
    }

    @Test
    void calorimeterEnergyHasTheCalibratedEnergySumAsItsDomainBaseline() {
        var showers = new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 3000, 7).toDataset(CaloTarget.ENERGY);
        Baselines b = Baselines.of(PreparedData.split(showers, 0.2, 0.2, 7, TaskMetric.RELATIVE_RMSE), true, null);
        // one scale factor on the summed cells resolves 1–100 GeV photons to a few per cent; a constant cannot
        assertTrue(b.domain() > 0.015 && b.domain() < 0.05, "energy sum " + b.domain());
        assertTrue(b.trivial() > 0.5, "trivial " + b.trivial());
    }

    @Test
    void theArchiveNeverAdmitsAConfigurationBelowTheFloor() {
        Baselines b = new Baselines("relative_rmse", 0.8, "a constant", 0.03, Baselines.ENERGY_SUM);
        UsefulnessFloor floor = UsefulnessFloor.of(b, 0.1);  // admits errors below 0.72
        assertEquals(0.72, floor.maxError(), 1e-12);
        // a network that predicts a constant does no better than the trivial predictor: tiny and flat, yet out
        ConfigurationRecord constant = record(result(4, "relative_rmse", 0.80, 10));
        ConfigurationRecord useful = record(result(16, "relative_rmse", 0.10, 1000));
        ConfigurationRecord marginal = record(result(8, "relative_rmse", 0.75, 100));  // better than trivial, not by 10 %
        assertFalse(floor.admits(constant));
        assertFalse(floor.admits(marginal));
        assertTrue(floor.admits(useful));
        assertNotNull(floor.reason(constant));
        assertNull(floor.reason(useful));
        Objectives objectives = new Objectives(List.of(ObjectiveSpec.min("val_metric"), ObjectiveSpec.min("macs")));
        List<ConfigurationRecord> all = List.of(constant, useful, marginal);
        assertEquals(3, ParetoArchive.of(all, objectives).size(), "without a floor the cheap useless ones are on the front");
        ParetoArchive floored = ParetoArchive.of(all, objectives, floor);
        assertEquals(List.of(useful.configId()), floored.members().stream().map(m -> m.configuration().configId()).toList());
        // accuracy is floored as an error: 1 − accuracy
        Baselines majority = new Baselines("accuracy", 0.648, "majority", null, null);
        UsefulnessFloor classes = UsefulnessFloor.of(majority, 0.1);
        assertFalse(classes.admits(record(result(4, "accuracy", 0.66, 10))), "error 0.34 is not below 0.352 × 0.9 = 0.3168");
        assertTrue(classes.admits(record(result(4, "accuracy", 0.70, 10))));
    }

    static ConfigurationRecord record(InstanceResult r) {
        return new ConfigurationRecord(r.instance().configId(), r.instance().spec(), List.of(r));
    }
}
