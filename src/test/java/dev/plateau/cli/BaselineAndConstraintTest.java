package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The random and grid baselines run in the search's harness; constraints reject before training. */
class BaselineAndConstraintTest {
    static final String SPACE = """
            study: {name: base, seed: 4}
            dataset:
              calo: {variant: A, events: 300, target: energy}
            architecture:
              families: [mlp]
              dense_layers: {min: 1, max: 2}
              dense_widths: [4, 64]
              activations: [relu]
            training:
              learning_rates: [0.01]
              batch_sizes: [64]
              epochs: [1, 2]
            search:
              strategy: STRATEGY
              population: 3
              generations: 2
              CONSTRAINTS
            racing: {warmup: 1, max_instances: 2}
            proxy:
              noise_curvature: {pairs: 1, samples: 32}
            """;

    @TempDir
    Path dir;

    List<CSVRecord> run(String strategy, String constraints) throws Exception {
        Path space = dir.resolve(strategy + ".yaml"), out = dir.resolve(strategy + constraints.hashCode());
        Files.writeString(space, SPACE.replace("STRATEGY", strategy).replace("CONSTRAINTS", constraints));
        CliRun r = CliRun.of("search", space.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.output());
        return SearchEndToEndTest.read(out.resolve("candidates.csv"));
    }

    @Test
    void gridTrainsEveryConfigurationsFullInstanceBudget() throws Exception {
        List<CSVRecord> rows = run("grid", "");
        // widths {4, 64} at depth 1 (2) and depth 2 (4) = 6 stacks, x 2 epoch choices = 12 configurations
        Set<String> configs = new HashSet<>();
        rows.forEach(r -> configs.add(r.get("config_id")));
        assertEquals(12, configs.size());
        assertEquals(24, rows.size(), "2 instances each");
        assertEquals(Set.of("1", "2"), Set.copyOf(rows.stream().map(r -> r.get("seed")).toList()));
    }

    @Test
    void randomSearchDrawsDistinctConfigurations() throws Exception {
        List<CSVRecord> rows = run("random", "");
        Set<String> configs = new HashSet<>();
        rows.forEach(r -> configs.add(r.get("config_id")));
        assertEquals(6, configs.size(), "population 3 x 2 generations");
        assertEquals(12, rows.size());
    }

    @Test
    void constraintsRejectBeforeTraining() throws Exception {
        List<CSVRecord> rows = run("grid", "constraints: {max_params: 1000}");
        long rejected = rows.stream().filter(r -> r.get("status").equals("rejected")).count();
        assertTrue(rejected > 0 && rejected < rows.size(), rejected + " of " + rows.size());
        for (CSVRecord r : rows) {
            boolean big = Long.parseLong(r.get("params")) > 1000;
            assertEquals(big, r.get("status").equals("rejected"), r.toString());
            if (big) {
                assertTrue(r.get("failure").startsWith("rejected: params "), r.get("failure"));
                assertEquals("0", r.get("epochs_run"));
            }
        }
    }

    @Test
    void precisionGenesReachTheNetworkAndTheCostModel() throws Exception {
        Path space = dir.resolve("bits.yaml");
        Files.writeString(space, SPACE.replace("STRATEGY", "grid").replace("CONSTRAINTS", "")
                .replace("  epochs: [1, 2]", "  epochs: [1]").replace("dense_layers: {min: 1, max: 2}", "dense_layers: {min: 1, max: 1}")
                + "precision: {weight_bits: [4, 32], activation_bits: [8, 32]}\n");
        Path out = dir.resolve("bits");
        CliRun r = CliRun.of("search", space.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.output());
        List<CSVRecord> rows = SearchEndToEndTest.read(out.resolve("candidates.csv"));
        Set<String> precisions = new HashSet<>();
        for (CSVRecord row : rows) {
            assertEquals("ok", row.get("status"), row.toString());
            long macs = Long.parseLong(row.get("macs")), params = Long.parseLong(row.get("params"));
            long wb = Long.parseLong(row.get("weight_bits")) / params, bops = Long.parseLong(row.get("bops"));
            precisions.add(wb + "/" + bops / (macs * wb));
        }
        assertEquals(Set.of("4/8", "4/32", "32/8", "32/32"), precisions);
    }
}
