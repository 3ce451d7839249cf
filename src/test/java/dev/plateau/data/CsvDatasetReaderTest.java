package dev.plateau.data;

import dev.plateau.space.Task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {
    static final Path MAGIC = Path.of("../shared/datasets/magic-gamma/magic04_with_header.csv");

    @Test
    void readsTheMagicGammaFile() {
        Dataset d = new CsvDatasetReader(MAGIC, List.of(), List.of("class"), Task.CLASSIFICATION, false).read();
        assertEquals(19_020, d.rows());
        assertEquals(10, d.featureCount());
        assertEquals(List.of("g", "h"), d.classLabels());
        long gammas = 0;
        for (int i = 0; i < d.rows(); i++) if (d.target(i, 0) == 0) gammas++;
        assertEquals(12_332, gammas, "the README's class counts");
        assertEquals(28.7967f, d.feature(0, 0), 1e-4);
    }

    @Test
    void emptyCellsFailOrAreDropped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gaps.csv");
        Files.writeString(f, "a,b,y\n1,2,3\n4,,6\n7,8,9\n");
        InputException e = assertThrows(InputException.class,
                () -> new CsvDatasetReader(f, List.of(), List.of("y"), Task.REGRESSION, false).read());
        assertEquals(3, e.line());
        assertEquals("b", e.field());
        assertEquals(2, new CsvDatasetReader(f, List.of(), List.of("y"), Task.REGRESSION, true).read().rows());
    }

    @Test
    void raggedRowsAndUnknownColumnsAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ragged.csv");
        Files.writeString(f, "a,b,y\n1,2,3\n4,5\n");
        InputException ragged = assertThrows(InputException.class,
                () -> new CsvDatasetReader(f, List.of(), List.of("y"), Task.REGRESSION, false).read());
        assertEquals(3, ragged.line());
        InputException unknown = assertThrows(InputException.class,
                () -> new CsvDatasetReader(f, List.of("zz"), List.of("y"), Task.REGRESSION, false).read());
        assertTrue(unknown.problem().contains("'zz'"), unknown.oneLine());
    }

    @Test
    void splitIsDeterministicAndStandardisedOnTrainingStatistics() {
        Dataset d = new CsvDatasetReader(MAGIC, List.of(), List.of("class"), Task.CLASSIFICATION, false).read();
        PreparedData p = PreparedData.split(d, 0.2, 0.2, 4, TaskMetric.ACCURACY);
        assertEquals(3804, p.validation().rows());
        assertEquals(11_412, p.train().rows());
        double mean = 0;
        for (int i = 0; i < p.train().rows(); i++) mean += p.train().feature(i, 3);
        assertEquals(0.0, mean / p.train().rows(), 1e-5);
        assertEquals(p.validation().feature(7, 2), PreparedData.split(d, 0.2, 0.2, 4, TaskMetric.ACCURACY).validation().feature(7, 2));
    }
}
