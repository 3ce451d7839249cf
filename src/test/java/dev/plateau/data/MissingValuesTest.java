package dev.plateau.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.InputException;
import dev.plateau.space.CsvSource;
import dev.plateau.space.MissingPolicy;
import dev.plateau.space.MissingValues;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing values in a CSV file (empty, NaN, a sentinel) under each policy, read through a search space
 * as a search reads it: counts, dropped rows, training-only medians and indicator columns.
 */
class MissingValuesTest {
    /**
     * 20 rows. Column b misses 5 values, each way a value can be missing: rows 0 and 8 hold the sentinel,
     * row 3 is empty, rows 5 and 13 are NaN. The last row misses its target. Present b values are 10·row,
     * so with the study's split (seed 11; training rows 1, 2, 4, 5, 8, 9, 12, 16, 18) the training median
     * of b is 90 while the median over all rows would be 105.
     */
    static String table() {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 20; r++) {
            String b = switch (r) {
                case 0, 8 -> "-999";
                case 3 -> "";
                case 5 -> "NaN";
                case 13 -> "nan";
                default -> Integer.toString(10 * r);
            };
            csv.append(r % 7 + 0.5).append(',').append(b).append(',').append(r == 19 ? "" : Integer.toString(3 * r + 1)).append('\n');
        }
        return csv.toString();
    }

    @TempDir
    Path dir;

    SearchSpace space(String missing) throws Exception {
        Files.writeString(dir.resolve("gaps.csv"), table());
        Path yaml = dir.resolve("space.yaml");
        Files.writeString(yaml, """
                study: {name: gaps, seed: 11}
                dataset:
                  csv:
                    path: gaps.csv
                    targets: [y]
                    missing: MISSING
                  split: {validation: 0.25, test: 0.25}
                """.replace("MISSING", missing));
        return SearchSpaceLoader.load(yaml);
    }

    CsvDatasetReader.Read read(String missing) throws Exception {
        return CsvDatasetReader.of((CsvSource) space(missing).dataset().source(), null).readWithCounts();
    }

    @Test
    void errorNamesTheFirstMissingCellAndHowToChooseAPolicy() throws Exception {
        InputException e = assertThrows(InputException.class, () -> DatasetLoader.load(space("{sentinels: [-999], policy: error}").dataset()));
        assertEquals(2, e.line());
        assertEquals("b", e.field());
        assertEquals("'-999' is a missing-value sentinel", e.problem());
        assertTrue(e.fix().contains("impute_median"), e.fix());
        // without the sentinel, -999 is a value and the first missing cell is the empty one on line 5
        e = assertThrows(InputException.class, () -> DatasetLoader.load(space("error").dataset()));
        assertEquals(5, e.line());
        assertEquals("empty cell", e.problem());
    }

    @Test
    void dropRowDropsEveryRowWithAMissingFeatureOrTarget() throws Exception {
        CsvDatasetReader.Read read = read("{sentinels: [-999], policy: drop_row}");
        assertEquals(14, read.dataset().rows(), "20 rows - 5 missing b - 1 missing y");
        assertEquals(new MissingCounts(MissingPolicy.DROP_ROW, List.of(-999.0), 20, 6, Map.of("b", 5, "y", 1)), read.missing());
        assertEquals(List.of("b", "y"), List.copyOf(read.missing().byColumn().keySet()), "column order");
        for (int r = 0; r < read.dataset().rows(); r++) assertTrue(read.dataset().feature(r, 1) >= 0, "no sentinel left");
        // the bare policy of earlier versions still reads: -999 is then an ordinary value
        assertEquals(16, read("drop_row").dataset().rows());
    }

    @Test
    void imputeMedianFillsWithTheTrainingMedianOnly() throws Exception {
        SearchSpace space = space("{sentinels: [-999], policy: impute_median}");
        Dataset raw = DatasetLoader.load(space.dataset());
        assertEquals(19, raw.rows(), "only the row without a target is dropped");
        assertEquals(List.of("a", "b"), raw.featureNames());
        int[] gaps = IntStream.range(0, raw.rows()).filter(r -> Float.isNaN(raw.feature(r, 1))).toArray();
        assertArrayEquals(new int[] {0, 3, 5, 8, 13}, gaps, "missing values stay NaN until the split");

        SplitIndices split = SplitIndices.of(raw.rows(), 0.25, 0.25, 11);
        assertArrayEquals(new int[] {1, 2, 4, 5, 8, 9, 12, 16, 18}, IntStream.of(split.train()).sorted().toArray());
        MedianImputation medians = MedianImputation.of(raw, split.train());
        assertEquals(90.0, medians.medians()[1], "median of 10, 20, 40, 90, 120, 160, 180");
        assertTrue(Double.isNaN(medians.medians()[0]), "column a misses nothing");
        assertNotEquals(105.0, medians.medians()[1], "not the median over all rows");

        PreparedData data = DatasetLoader.prepare(space);
        assertFilled(data, data.train(), split.train(), gaps);
        assertFilled(data, data.validation(), split.validation(), gaps);
        assertFilled(data, data.test(), split.test(), gaps);
    }

    /** Every value of {@code part} is a number: each row that missed b holds the training median, the others their own value (10·row). */
    static void assertFilled(PreparedData data, Dataset part, int[] rows, int[] gaps) {
        for (float v : part.features()) assertFalse(Float.isNaN(v));
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            double raw = IntStream.of(gaps).anyMatch(g -> g == row) ? 90.0 : 10.0 * row;
            assertEquals(data.inputSchema(false).standardised(1, raw), part.feature(i, 1), "row " + row);
        }
    }

    @Test
    void imputeAndFlagAddsAnIndicatorColumnPerAffectedFeature() throws Exception {
        SearchSpace space = space("{sentinels: [-999], policy: impute_and_flag}");
        CsvDatasetReader.Read read = CsvDatasetReader.of((CsvSource) space.dataset().source(), null).readWithCounts();
        Dataset raw = read.dataset();
        assertEquals(List.of("a", "b", "b_missing"), raw.featureNames(), "a misses nothing, so it has no flag");
        assertEquals(19, raw.rows());
        assertEquals(new MissingCounts(MissingPolicy.IMPUTE_AND_FLAG, List.of(-999.0), 20, 1, Map.of("b", 5, "y", 1)), read.missing());
        int[] flagged = IntStream.range(0, raw.rows()).filter(r -> raw.feature(r, 2) == 1f).toArray();
        assertArrayEquals(new int[] {0, 3, 5, 8, 13}, flagged);
        assertEquals(19 - 5, IntStream.range(0, raw.rows()).filter(r -> raw.feature(r, 2) == 0f).count(), "0 elsewhere");
        PreparedData data = DatasetLoader.prepare(space);
        assertEquals(3, data.train().featureCount(), "the network reads the flag");
    }

    @Test
    void aFlagColumnMayNotClashWithAColumnOfTheFile() throws Exception {
        Files.writeString(dir.resolve("clash.csv"), "b,b_missing,y\n1,0,1\n,1,2\n3,0,3\n");
        InputException e = assertThrows(InputException.class, () -> new CsvDatasetReader(dir.resolve("clash.csv"), List.of("b"), List.of("y"),
                dev.plateau.space.Task.REGRESSION, MissingValues.of(MissingPolicy.IMPUTE_AND_FLAG)).read());
        assertEquals("b_missing", e.field());
        assertEquals("rename that column", e.fix());
    }

    @Test
    void aMissingClassLabelDropsItsRowAndItsClassIfNothingElseHasIt() throws Exception {
        Path f = dir.resolve("labels.csv");
        Files.writeString(f, "x,label\n1,g\n2,h\n3,-999\n4,\n5,g\n6,NaN\n7,h\n");
        CsvDatasetReader.Read read = new CsvDatasetReader(f, List.of(), List.of("label"), dev.plateau.space.Task.CLASSIFICATION,
                new MissingValues(List.of(-999.0), MissingPolicy.IMPUTE_MEDIAN)).readWithCounts();
        assertEquals(4, read.dataset().rows());
        assertEquals(List.of("g", "h"), read.dataset().classLabels(), "-999 and NaN are not classes");
        assertEquals(Map.of("label", 3), read.missing().byColumn());
    }

    @Test
    void aColumnWithNoValueIsRefusedByName() throws Exception {
        Path f = dir.resolve("empty-column.csv");
        Files.writeString(f, "a,b,y\n1,,1\n2,-999,2\n3,,3\n");
        InputException e = assertThrows(InputException.class, () -> new CsvDatasetReader(f, List.of(), List.of("y"),
                dev.plateau.space.Task.REGRESSION, new MissingValues(List.of(-999.0), MissingPolicy.IMPUTE_MEDIAN)).read());
        assertEquals("b", e.field());
        assertEquals("has no values: all 3 are missing", e.problem());
    }

    @Test
    void bothYamlFormsReadAndTheBareOneIsWrittenBack() throws Exception {
        SearchSpace bare = space("drop_row");
        assertEquals(MissingValues.of(MissingPolicy.DROP_ROW), ((CsvSource) bare.dataset().source()).missing());
        assertTrue(SearchSpaceLoader.toYaml(bare).contains("missing: drop_row"), "study.yaml keeps the original form");
        SearchSpace full = space("{sentinels: [-999, 1e30], policy: impute_and_flag}");
        MissingValues m = ((CsvSource) full.dataset().source()).missing();
        assertEquals(new MissingValues(List.of(-999.0, 1e30), MissingPolicy.IMPUTE_AND_FLAG), m);
        Path again = dir.resolve("again.yaml");
        Files.writeString(again, SearchSpaceLoader.toYaml(full));
        assertEquals(full, SearchSpaceLoader.load(again), "the full form round-trips through study.yaml");
        assertEquals(MissingValues.STRICT, ((CsvSource) space("{sentinels: []}").dataset().source()).missing());
    }

    @Test
    void aBadPolicyOrSentinelIsOneLineWithItsField() throws Exception {
        InputException e = assertThrows(InputException.class, () -> space("{sentinels: [-999], policy: mean}"));
        assertEquals("dataset.csv.missing.policy", e.field());
        assertEquals(6, e.line());
        assertEquals("'mean' is not one of [error, drop_row, impute_median, impute_and_flag]", e.problem());
        e = assertThrows(InputException.class, () -> space("ignore"));
        assertEquals("dataset.csv.missing", e.field());
        e = assertThrows(InputException.class, () -> space("{sentinels: [n/a]}"));
        assertEquals("dataset.csv.missing.sentinels[0]", e.field());
        assertEquals("expected a number, got 'n/a'", e.problem());
        e = assertThrows(InputException.class, () -> space("{sentinels: [-999, ~]}"));
        assertEquals("dataset.csv.missing.sentinels[1]", e.field());
        assertEquals("must be a finite number, got null", e.problem());
        e = assertThrows(InputException.class, () -> space("{sentinel: [-999]}"));
        assertEquals("unknown key 'sentinel'", e.problem());
    }
}
