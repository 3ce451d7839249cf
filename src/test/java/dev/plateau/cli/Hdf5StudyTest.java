package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study on the CaloGAN HDF5 fixture, end to end: the shipped space (MLPs on the three layers'
 * flattened cells with the energy input) and a CNN on one image layer with the energy input, each
 * searched, verified and exported; a wrong file or dataset name is one line and exit code 2.
 */
class Hdf5StudyTest {
    @TempDir
    Path dir;

    @Test
    void theShippedSpaceAndACnnOnOneLayerSearchVerifyAndExport() throws Exception {
        CliRun mlp = CliRun.of("search", "search-spaces/calogan-hdf5.yaml", "--out", dir.resolve("mlp").toString(), "--max-restarts", "0");
        assertEquals(0, mlp.code(), mlp.output());
        assertTrue(mlp.output().contains("31 train / 10 validation / 10 test rows"), mlp.output());
        assertTrue(mlp.output().contains("calibrated energy sum"), "the energy-sum baseline applies: " + mlp.output());
        var pareto = SearchEndToEndTest.read(dir.resolve("mlp/pareto.csv"));
        assertFalse(pareto.isEmpty());
        assertTrue(pareto.get(0).isMapped("deployed_metric_measured"), "the front is verified under the declared faults");

        String cnnSpace = Files.readString(Path.of("search-spaces/calogan-hdf5.yaml"))
                .replace("path: ../../shared/", "path: " + Path.of("../shared").toAbsolutePath().normalize() + "/")
                .replaceFirst("features: \\[layer_0, layer_1, layer_2\\].*", "features: [layer_1]")
                .replace("families: [mlp]", "families: [cnn]\n  conv_layers: {min: 1, max: 1}\n  conv_filters: [4]\n  conv_kernels: [3]");
        Path space = dir.resolve("cnn.yaml");
        Files.writeString(space, cnnSpace);
        CliRun cnn = CliRun.of("search", space.toString(), "--out", dir.resolve("cnn").toString(), "--max-restarts", "0");
        assertEquals(0, cnn.code(), cnn.output());
        var cnnPareto = SearchEndToEndTest.read(dir.resolve("cnn/pareto.csv"));
        assertEquals("cnn", cnnPareto.get(0).get("family"));
        assertEquals("true", cnnPareto.get(0).get("energy_input"));
        CliRun export = CliRun.of("export", dir.resolve("cnn").toString(), "--out", dir.resolve("cnn-export").toString());
        assertEquals(0, export.code(), export.output());
        assertTrue(Files.size(dir.resolve("cnn-export/model.qonnx.onnx")) > 0);
    }

    @Test
    void aWrongFileOrDatasetIsOneLineAndExitTwo() throws Exception {
        Path shared = Path.of("../shared/datasets/calogan-hepcat-sample").toAbsolutePath().normalize();
        String space = Files.readString(Path.of("search-spaces/calogan-hdf5.yaml")).replace("path: ../../shared/datasets/calogan-hepcat-sample/", "path: " + shared + "/");
        for (String[] c : new String[][] {
                {space.replace("features: [layer_0, layer_1, layer_2]", "features: [layer_0, layer_9]"), "no dataset or group 'layer_9'"},
                {space.replace("test.h5", "calogan_hepcat_51.csv"), "not an HDF5 file"},
                {space.replace("test.h5", "missing.h5"), "does not exist"},
                {space.replace("families: [mlp]", "families: [mlp, cnn]"), "a CNN reads one image layer"},
                {space.replace("  split:", "  baseline: {fit: layer_9_0_0}\n  split:"), "column 'layer_9_0_0' is not among the features (504: layer_0_0_0"}}) {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, c[0]);
            Path out = dir.resolve("bad-out");
            CliRun run = CliRun.of("search", file.toString(), "--out", out.toString(), "--max-restarts", "0");
            String err = run.output().strip();
            assertEquals(2, run.code(), err);
            assertTrue(err.contains(c[1]) && err.contains("fix"), c[1] + ": " + err);
            assertEquals(1, err.lines().filter(l -> !l.isBlank()).count(), err);
            assertFalse(Files.exists(out.resolve("candidates.csv")), "nothing trained");
        }
    }
}
