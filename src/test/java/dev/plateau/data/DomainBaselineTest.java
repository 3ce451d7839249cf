package dev.plateau.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.space.BaselineSpec;
import dev.plateau.space.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table's own domain baseline, checked against figures computed here: a column taken as it is, a
 * least-squares line, and a single-threshold stump for classes; and baselines.json written before it
 * existed still reads as the calibrated energy sum.
 */
class DomainBaselineTest {
    @TempDir
    Path dir;

    PreparedData table(String header, List<double[]> rows, List<String> targets, Task task, TaskMetric metric) throws Exception {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (double[] r : rows) {
            for (int j = 0; j < r.length; j++) csv.append(j == 0 ? "" : ",").append(r[j]);
            csv.append('\n');
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        return PreparedData.split(new CsvDatasetReader(file, List.of(), targets, task, false).read(), 0.25, 0.25, 5, metric);
    }

    @Test
    void aColumnAsItIsAndAOneFeatureLine() throws Exception {
        SplittableRandom rng = new SplittableRandom(2);
        java.util.ArrayList<double[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double y = 10 + 90 * rng.nextDouble(), noise = rng.nextGaussian();
            rows.add(new double[] {1.1 * y, 2 * y + 3 + noise, rng.nextDouble(), y});
        }
        PreparedData data = table("reco,sum,other,y", rows, List.of("y"), Task.REGRESSION, TaskMetric.RMSE);
        double[] yVal = data.toOriginalUnits(data.validation().targets().clone());
        double expected = 0;
        for (double y : yVal) expected += 0.01 * y * y;  // (1.1y - y)^2
        Baselines column = Baselines.of(data, false, new BaselineSpec("reco", null));
        assertEquals(Math.sqrt(expected / yVal.length), column.domain(), 1e-4, "a 10 % scale error, measured as it is");
        assertEquals("column 'reco' as it is", column.domainRule());
        Baselines fit = Baselines.of(data, false, new BaselineSpec(null, "sum"));
        assertEquals(0.5, fit.domain(), 0.1, "the line y = (sum - 3)/2 leaves the noise/2, sd 0.5");
        assertTrue(fit.domain() < fit.trivial() / 20, fit + " beats the mean by far");
    }

    @Test
    void aStumpForClasses() throws Exception {
        java.util.ArrayList<double[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) rows.add(new double[] {i % 3 + (i % 7) / 10.0, (i * 37) % 11, i % 3});
        PreparedData data = table("x,noise,label", rows, List.of("label"), Task.CLASSIFICATION, TaskMetric.ACCURACY);
        Baselines stump = Baselines.of(data, false, new BaselineSpec(null, "x"));
        double[] y = data.validation().targets();
        // x separates the three classes; one threshold can tell two sides apart, so the stump loses one class
        double best = 0;
        for (int lost = 0; lost < 3; lost++) {
            long right = 0;
            for (double v : y) if ((int) v != lost) right++;
            best = Math.max(best, right / (double) y.length);
        }
        assertTrue(stump.domain() > 0.6 && stump.domain() <= best + 1e-12, stump.domain() + " vs at most " + best);
        assertTrue(stump.domain() > stump.trivial(), "better than the majority class " + stump.trivial());
    }

    @Test
    void anOlderBaselinesFileReadsAsTheEnergySum() throws Exception {
        Baselines old = new ObjectMapper().readValue("{\"metric\":\"relative_rmse\",\"trivial\":0.88,\"trivialRule\":\"a constant\",\"energySum\":0.03}",
                Baselines.class);
        assertEquals(0.03, old.domain());
        assertEquals(Baselines.ENERGY_SUM, old.domainRule());
    }
}
