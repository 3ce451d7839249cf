package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.SearchSpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plateau data inspect}: the block it prints is a valid dataset block (a search space built on
 * it loads), its guesses are the right ones on the bundled files, and columns that would mislead a
 * network — an event number, event weights, the label restated — are left out with the reason.
 */
class DataInspectTest {
    static final String REST = """
            architecture: {families: [mlp], dense_layers: {min: 1, max: 1}, dense_widths: [8]}
            training: {learning_rates: [0.01], batch_sizes: [32], epochs: [1]}
            search: {population: 2, generations: 2, objectives: [{name: val_loss}, {name: macs}]}
            """;

    @TempDir
    Path dir;

    static String block(String output) { return output.substring(output.indexOf("dataset:\n")).strip() + "\n"; }

    @Test
    void theJetsSampleGivesAClassificationBlockWithoutTheRestatedLabel() throws Exception {
        CliRun run = CliRun.of("data", "inspect", "../shared/datasets/hls4ml-jets-hlf-1k/jets_hlf_1k_standardized.csv");
        assertEquals(0, run.code(), run.output());
        String block = block(run.output());
        assertTrue(block.contains("targets: [class]") && block.contains("task: classification   # 5 classes"), block);
        assertTrue(block.contains("# left out: class_index (restates the target"), block);
        assertFalse(block.substring(block.indexOf("features:"), block.indexOf('\n', block.indexOf("features:"))).contains("class"), block);
        Path space = dir.resolve("jets.yaml");
        Files.writeString(space, block + REST);
        assertEquals(15 + 1, SearchSpaceLoader.load(space).dataset().csv().features().size(), "16 features as printed");
    }

    @Test
    void anEventNumberAndWeightsStayOutOfTheFeatures() throws Exception {
        StringBuilder csv = new StringBuilder("event,pt,eta,weight,energy\n");
        for (int i = 0; i < 40; i++) csv.append(1000 + i).append(',').append(10 + i % 7).append(',').append(0.1 * (i % 5)).append(',')
                .append(1 + i % 3).append(',').append(50.5 + i).append('\n');
        Path file = dir.resolve("events.csv");
        Files.writeString(file, csv);
        CliRun run = CliRun.of("data", "inspect", file.toString());
        assertEquals(0, run.code(), run.output());
        String block = block(run.output());
        assertTrue(block.contains("features: [pt, eta]"), block);
        assertTrue(block.contains("event (an identifier") && block.contains("weight (event weights"), block);
        assertTrue(block.contains("targets: [energy]") && block.contains("task: regression"), block);
        assertTrue(run.output().contains("40 rows"), run.output());
    }

    @Test
    void theCaloGanFileGivesAnHdf5BlockThatLoads() throws Exception {
        CliRun run = CliRun.of("data", "inspect", "../shared/datasets/calogan-hepcat-sample/test.h5");
        assertEquals(0, run.code(), run.output());
        assertTrue(run.output().contains("layer_1                  [51, 12, 12]"), run.output());
        String block = block(run.output());
        assertTrue(block.contains("target: energy") && block.contains("cells: true") && block.contains("metric: relative_rmse"), block);
        Path space = dir.resolve("calogan.yaml");
        Files.writeString(space, block + REST);
        var loaded = SearchSpaceLoader.load(space).dataset().hdf5();
        assertEquals(java.util.List.of("layer_0", "layer_1", "layer_2", "overflow"), loaded.features());

        CliRun missing = CliRun.of("data", "inspect", dir.resolve("nothing.csv").toString());
        assertEquals(2, missing.code(), missing.output());
        assertEquals(1, missing.output().strip().lines().count(), missing.output());
    }
}
