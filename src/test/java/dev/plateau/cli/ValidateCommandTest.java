package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.exec.CrashIsolation;
import dev.plateau.robustness.RankCorrelation;
import dev.plateau.store.CrashLog;
import dev.plateau.store.ValidationTables;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plateau validate} on a tiny real population: every proxy against every family, and resume. */
class ValidateCommandTest {
    static final String SPACE = """
            study: {name: tiny-validate, seed: 9}
            dataset:
              calo: {variant: A, events: 400, target: energy}
              split: {validation: 0.25, test: 0.25}
            architecture:
              families: [mlp]
              dense_layers: {min: 1, max: 2}
              dense_widths: [4, 8, 16]
              activations: [relu, tanh]
            training:
              learning_rates: [0.003, 0.01]
              batch_sizes: [64]
              epochs: [2, 3]
            precision: {weight_bits: [4, 32], activation_bits: [32]}
            deployment:
              weight_noise: {geometry: layer_range, level: 0.02}
              faults: {bit_flips: 3}
            proxy:
              noise_curvature: {pairs: 2, samples: 64}
              hessian: {iterations: 3, probes: 4, samples: 64}
              sigma_star: {draws: 2, steps: 4, samples: 64}
            """;

    @TempDir
    Path dir;

    @Test
    void correlatesEveryProxyWithEveryFamilyAndResumes() throws Exception {
        Path space = dir.resolve("space.yaml"), out = dir.resolve("validation");
        Files.writeString(space, SPACE);
        String[] args = {"validate", space.toString(), "--out", out.toString(), "--configurations", "4", "--instances", "2", "--draws", "2"};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.code(), first.output());

        List<CSVRecord> population = read(out.resolve("population.csv"));
        assertEquals(8, population.size());
        CliRun status = CliRun.of("status", out.toString());
        assertEquals(0, status.code(), status.output());
        assertTrue(status.output().contains("8 of 8 instances journaled (4 configurations x 2 instances, 2 draws)")
                && status.output().contains("outcomes: {ok=8}"), status.output());
        for (CSVRecord r : population) {
            assertEquals("ok", r.get("status"));
            for (String column : List.of("fault_curvature", "fault_probe", "noise_curvature_metric", "bitflip_random_score", "ptq_score"))
                assertTrue(Double.isFinite(Double.parseDouble(r.get(column))), column + " of " + r.get("instance"));
            double defaultSet = Double.parseDouble(r.get("noise_curvature_seconds")) + Double.parseDouble(r.get("risk_seconds"))
                    + Double.parseDouble(r.get("fault_curvature_seconds"));  // the families the declared deployment selects
            assertEquals(defaultSet, Double.parseDouble(r.get("default_set_seconds")), 1e-12);
            assertEquals(Double.parseDouble(r.get("noise_testing_seconds")) / defaultSet, Double.parseDouble(r.get("cost_ratio_default_set")), 1e-9);
        }

        List<CSVRecord> correlations = read(out.resolve("correlations.csv"));
        List<String> robustness = ValidationTables.robustnessNames();
        List<String> measurable = ValidationTables.proxyNames().stream()
                .filter(p -> java.util.Arrays.stream(column(population, p)).filter(Double::isFinite).count() >= 5).toList();
        assertTrue(measurable.size() >= ValidationTables.proxyNames().size() - 1, "only the weight spectrum's α may be undefined on 4-unit layers");
        assertEquals(measurable, correlations.stream().map(r -> r.get("proxy")).distinct().toList());
        assertEquals(measurable.size() * robustness.size(), correlations.size(), "every proxy x every family");
        CSVRecord c = correlations.stream().filter(r -> r.get("proxy").equals("fault_curvature")
                && r.get("robustness").equals("bitflip_random_score")).findFirst().orElseThrow();
        {
            double[] x = column(population, "fault_curvature"), y = column(population, "bitflip_random_score");
            double[] clean = column(population, "clean_loss"), size = column(population, "log_params");
            assertEquals(RankCorrelation.spearman(x, y), Double.parseDouble(c.get("spearman")), 1e-12);
            assertEquals(RankCorrelation.partialSpearman(x, y, clean), Double.parseDouble(c.get("partial_spearman_given_clean_loss")), 1e-12);
            assertEquals(RankCorrelation.partialSpearman(x, y, clean, size),
                    Double.parseDouble(c.get("partial_spearman_given_clean_loss_and_log_params")), 1e-12);
            double low = Double.parseDouble(c.get("spearman_low")), high = Double.parseDouble(c.get("spearman_high"));
            assertTrue(low <= high && low >= -1 && high <= 1);
        }

        String before = Files.readString(out.resolve("correlations.csv"));
        CliRun again = CliRun.of(args);
        assertEquals(0, again.code(), again.output());
        assertTrue(again.output().contains("8 already done"), again.output());
        assertEquals(before, Files.readString(out.resolve("correlations.csv")), "resuming a finished run recomputes the same tables");

        // supervised, with one instance that crashes its JVM whenever it starts: two restarts, then a "native crash" row
        String victim = population.get(2).get("instance");
        Path healed = dir.resolve("healed");
        args[3] = healed.toString();
        Process p = ChildStudy.start(dir.resolve("healed.log"), List.of("-D" + CrashIsolation.CRASH_ON_PROPERTY + "=" + victim), args);
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("healed.log"));
        assertEquals(0, p.exitValue(), log);
        assertEquals(2, CrashLog.read(healed).size(), log);
        List<CSVRecord> rows = read(healed.resolve("population.csv"));
        assertEquals(8, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            boolean isVictim = rows.get(i).get("instance").equals(victim);
            assertEquals(isVictim ? "failed" : "ok", rows.get(i).get("status"));
            if (isVictim) assertEquals(CrashIsolation.NATIVE_CRASH, rows.get(i).get("failure"));
            else assertEquals(population.get(i).get("clean_loss"), rows.get(i).get("clean_loss"), "retrained instances give the same values");
        }
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file)) {
            return new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords());
        }
    }

    private static double[] column(List<CSVRecord> rows, String name) {
        return rows.stream().mapToDouble(r -> r.get(name).isEmpty() ? Double.NaN : Double.parseDouble(r.get(name))).toArray();
    }
}
