package dev.plateau.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.InputException;
import dev.plateau.space.Task;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CaloGAN fixture (51 Geant4 showers, 3 layers of 3×96, 12×12 and 12×6 cells) read through HDF5
 * gives exactly the values its CSV conversion gives; one layer keeps its image shape; every way the
 * file or a name can be wrong is one error naming the file and the dataset.
 */
class Hdf5DatasetReaderTest {
    static final Path H5 = Path.of("../shared/datasets/calogan-hepcat-sample/test.h5");
    static final Path CSV = Path.of("../shared/datasets/calogan-hepcat-sample/calogan_hepcat_51.csv");
    static final List<String> LAYERS = List.of("layer_0", "layer_1", "layer_2", "overflow");

    @TempDir
    Path dir;

    @Test
    void theHdf5AndTheCsvRouteGiveIdenticalInputs() {
        Dataset h5 = new Hdf5DatasetReader(H5, LAYERS, "energy", Task.REGRESSION, true).read();
        Dataset csv = new CsvDatasetReader(CSV, List.of(), List.of("energy_GeV"), Task.REGRESSION, false).read();
        assertEquals(51, h5.rows());
        assertEquals(288 + 144 + 72 + 3, h5.featureCount());
        assertEquals(csv.featureCount(), h5.featureCount());
        // the CSV holds 9 significant digits of the file's float64 values: rounding those to float32 can land
        // one ulp away from rounding the float64 itself (double rounding), so equal means within one ulp
        int exact = 0;
        for (int i = 0; i < h5.features().length; i++) {
            float a = h5.features()[i], b = csv.features()[i];
            assertTrue(Math.abs(a - b) <= Math.ulp(a), "value " + i + ": " + a + " vs " + b);
            if (a == b) exact++;
        }
        assertTrue(exact > 0.99 * h5.features().length, exact + " of " + h5.features().length + " bit-identical");
        assertArrayEquals(csv.targets(), h5.targets(), 1e-7, "targets: the CSV rounds them to 9 digits too");
        assertEquals("layer_0_0_0", h5.featureNames().get(0));
        assertEquals("layer_1_11_11", h5.featureNames().get(288 + 143));
        assertEquals(new ImageShape(1, 1, 507), h5.imageShape(), "several layers: one row of cells, sharing one scale");
        double energy = 0, cells = 0;
        for (int j = 0; j < 504; j++) cells += h5.feature(0, j);
        energy = h5.target(0, 0);
        assertEquals(0.995, cells / (1000 * energy), 0.05, "cells in MeV sum to about the incident energy in GeV x 1000");
    }

    @Test
    void oneLayerIsAnImage() {
        Dataset layer = new Hdf5DatasetReader(H5, List.of("layer_1"), "energy", Task.REGRESSION, true).read();
        assertEquals(new ImageShape(1, 12, 12), layer.imageShape());
        Dataset table = new Hdf5DatasetReader(H5, List.of("layer_1"), "energy", Task.REGRESSION, false).read();
        assertNull(table.imageShape(), "cells: false reads a plain table");
    }

    @Test
    void aGroupStandsForItsDatasetsAndClassesAreReadFromNumbers() throws Exception {
        Path file = dir.resolve("grouped.h5");
        try (var out = HdfFile.write(file)) {
            var group = out.putGroup("inputs");
            group.putDataset("b", new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
            group.putDataset("a", new double[] {10, 20, 30, 40});
            out.putDataset("label", new int[] {0, 2, 2, 0});
        }
        Dataset d = new Hdf5DatasetReader(file, List.of("inputs"), "label", Task.CLASSIFICATION, false).read();
        assertEquals(List.of("inputs_a", "inputs_b_0", "inputs_b_1"), d.featureNames(), "a group's datasets by name");
        assertArrayEquals(new float[] {10, 1, 2, 20, 3, 4, 30, 5, 6, 40, 7, 8}, d.features());
        assertEquals(List.of("0", "2"), d.classLabels());
        assertArrayEquals(new double[] {0, 1, 1, 0}, d.targets());
    }

    static String message(Runnable r) { return assertThrows(InputException.class, r::run).getMessage(); }

    @Test
    void aWrongFileOrNameIsOneLineNamingIt() throws Exception {
        Path text = dir.resolve("showers.h5");
        Files.writeString(text, "energy,cell\n1,2\n");
        String notHdf5 = message(() -> new Hdf5DatasetReader(text, LAYERS, "energy", Task.REGRESSION, true).read());
        assertTrue(notHdf5.contains("not an HDF5 file") && notHdf5.contains(text.toString()), notHdf5);

        String unknown = message(() -> new Hdf5DatasetReader(H5, List.of("layer_3"), "energy", Task.REGRESSION, true).read());
        assertTrue(unknown.contains("no dataset or group 'layer_3'") && unknown.contains("energy, layer_0, layer_1, layer_2, overflow"), unknown);

        Path uneven = dir.resolve("uneven.h5");
        try (var out = HdfFile.write(uneven)) {
            out.putDataset("cells", new double[][] {{1, 2}, {3, 4}, {5, 6}});
            out.putDataset("energy", new double[] {1, 2});
        }
        String rows = message(() -> new Hdf5DatasetReader(uneven, List.of("cells"), "energy", Task.REGRESSION, true).read());
        assertTrue(rows.contains("'/cells' holds 3 samples") && rows.contains("same samples"), rows);

        Path wide = dir.resolve("wide-target.h5");
        try (var out = HdfFile.write(wide)) {
            out.putDataset("cells", new double[][] {{1, 2}, {3, 4}});
            out.putDataset("energy", new double[][] {{1, 2}, {3, 4}});
        }
        String target = message(() -> new Hdf5DatasetReader(wide, List.of("cells"), "energy", Task.REGRESSION, true).read());
        assertTrue(target.contains("not one value per sample"), target);

        Path truncated = dir.resolve("truncated.h5");
        byte[] all = Files.readAllBytes(H5);
        Files.write(truncated, java.util.Arrays.copyOf(all, 3000));
        String cut = message(() -> new Hdf5DatasetReader(truncated, LAYERS, "energy", Task.REGRESSION, true).read());
        assertTrue(cut.contains(truncated.toString()), cut);
        for (String m : List.of(notHdf5, unknown, rows, target, cut)) assertEquals(1, m.lines().count(), m);
    }
}
