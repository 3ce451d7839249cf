package dev.plateau.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.DataWarning.Kind;
import dev.plateau.space.SearchSpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data check on small tables that each plant one problem, read through a search space as a search
 * reads them: the planted problem is the one warning, naming its column; a clean table has none.
 */
class DataCheckTest {
    static final long SEED = 5;
    static final double VALIDATION = 0.2, TEST = 0.2;

    @TempDir
    Path dir;

    /** A row of the clean base table: two normal features and a class that depends on both (and on noise). */
    record Row(int index, double x1, double x2, double noise, Random rng) {
        String label() { return x1 + x2 + noise > 0 ? "s" : "b"; }

        int classIndex() { return label().equals("s") ? 1 : 0; }

        double y() { return 2 * x1 + x2 + noise; }
    }

    static List<Row> rows(int n) {
        Random rng = new Random(42);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(new Row(i, rng.nextGaussian(), rng.nextGaussian(), 0.5 * rng.nextGaussian(), rng));
        return rows;
    }

    static String num(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    /** Writes x1, x2, the extra columns and the target ("class" or "y") as CSV, and a search space naming it. */
    DataCheckReport check(List<Row> rows, Map<String, Function<Row, String>> extra, boolean classification, String missing) throws Exception {
        String target = classification ? "class" : "y";
        StringBuilder csv = new StringBuilder("x1,x2");
        extra.keySet().forEach(c -> csv.append(',').append(c));
        csv.append(',').append(target).append('\n');
        for (Row r : rows) {
            csv.append(num(r.x1())).append(',').append(num(r.x2()));
            for (Function<Row, String> f : extra.values()) csv.append(',').append(f.apply(r));
            csv.append(',').append(classification ? r.label() : num(r.y())).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        Files.writeString(dir.resolve("t.yaml"), String.format(Locale.ROOT, """
                study: {name: t, seed: %d}
                dataset:
                  csv: {path: t.csv, targets: [%s], task: %s, missing: %s}
                  split: {validation: %s, test: %s}
                """, SEED, target, classification ? "classification" : "regression", missing, VALIDATION, TEST));
        return DataCheck.of(SearchSpaceLoader.load(dir.resolve("t.yaml")));
    }

    DataCheckReport check(List<Row> rows, Map<String, Function<Row, String>> extra) throws Exception {
        return check(rows, extra, true, "error");
    }

    static Map<String, Function<Row, String>> columns(Object... nameThenFunction) {
        Map<String, Function<Row, String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenFunction.length; i += 2) {
            @SuppressWarnings("unchecked") Function<Row, String> f = (Function<Row, String>) nameThenFunction[i + 1];
            m.put((String) nameThenFunction[i], f);
        }
        return m;
    }

    /** The warnings as "kind column" strings, the form the assertions compare. */
    static List<String> found(DataCheckReport report) {
        return report.warnings().stream().map(w -> w.kind().label() + " " + w.column()).toList();
    }

    @Test
    void aCleanTableHasNoWarnings() throws Exception {
        DataCheckReport report = check(rows(2000), Map.of());
        assertEquals(List.of(), report.warnings());
        assertEquals(new DataCheckReport.Parts(1200, 400, 400), report.split());
        assertEquals(List.of("x1", "x2", "class"), report.columns().stream().map(ColumnProfile::name).toList());
        ColumnProfile x1 = report.columns().get(0);
        assertEquals(ColumnProfile.Type.NUMERIC, x1.type());
        double min = rows(2000).stream().mapToDouble(Row::x1).min().orElseThrow();
        assertEquals(Float.parseFloat(num(min)), x1.min().floatValue());
        assertEquals(0.0, x1.missingShare());
        assertEquals(ColumnProfile.Type.CLASS, report.columns().get(2).type());
        assertEquals(2, report.columns().get(2).distinct());
    }

    @Test
    void identifierColumnsAreNamed() throws Exception {
        int[] shuffled = IntStream.range(0, 2000).map(i -> 1000 + (i * 7919) % 2000).toArray();  // 7919 is prime: a permutation
        DataCheckReport report = check(rows(2000), columns(
                "id", (Function<Row, String>) r -> Integer.toString(r.index() + 1),
                "event", (Function<Row, String>) r -> Integer.toString(shuffled[r.index()]),
                "time", (Function<Row, String>) r -> num(1.7e3 - 0.25 * r.index())));
        assertEquals(List.of("identifier id", "identifier event", "identifier time"), found(report));
        assertEquals("column 'id' looks like a row identifier (strictly increasing over the rows)", report.warnings().get(0).problem());
        assertEquals("column 'event' looks like a row identifier (a different integer in every row)", report.warnings().get(1).problem());
        assertEquals("column 'time' looks like a row identifier (strictly decreasing over the rows)", report.warnings().get(2).problem());
        assertEquals("a network can only memorise it: drop it from features", report.warnings().get(0).fix());
        assertEquals(ColumnProfile.Type.INTEGER, report.columns().get(2).type());
    }

    @Test
    void constantAndNearConstantColumnsAreNamed() throws Exception {
        DataCheckReport report = check(rows(2000), columns(
                "gain", (Function<Row, String>) r -> "3.5",
                "trigger", (Function<Row, String>) r -> r.index() == 1234 ? "1" : "0",
                "bits", (Function<Row, String>) r -> Integer.toString(r.index() % 2)));
        assertEquals(List.of("constant gain", "near_constant trigger"), found(report), "a binary column is not near-constant");
        assertEquals("column 'gain' is constant (3.5 in every row)", report.warnings().get(0).problem());
        assertEquals("column 'trigger' is 0 in 99.95 % of the rows", report.warnings().get(1).problem());
        assertEquals(List.of(ColumnProfile.Type.CONSTANT, ColumnProfile.Type.BINARY, ColumnProfile.Type.BINARY),
                report.columns().subList(2, 5).stream().map(ColumnProfile::type).toList());
    }

    @Test
    void aDuplicatedColumnNamesBoth() throws Exception {
        DataCheckReport report = check(rows(2000), columns("x1_again", (Function<Row, String>) r -> num(r.x1())));
        assertEquals(List.of("duplicate_column x1_again"), found(report));
        assertEquals("column 'x1_again' repeats column 'x1' in every row", report.warnings().get(0).problem());
    }

    @Test
    void aFeatureThatIsTheClassWithALittleNoiseIsALeak() throws Exception {
        // the class index plus noise, with every 50th row's class flipped: a threshold at 0.5 is the best stump
        List<Row> rows = rows(2000);
        DataCheckReport report = check(rows, columns("hint", (Function<Row, String>) r ->
                num((r.index() % 50 == 0 ? 1 - r.classIndex() : r.classIndex()) + 0.8 * (new Random(r.index()).nextDouble() - 0.5))));
        assertEquals(List.of("leak hint"), found(report));
        int[] train = SplitIndices.of(2000, VALIDATION, TEST, SEED).train();
        long flipped = IntStream.of(train).filter(i -> i % 50 == 0).count();
        long majority = Math.max(IntStream.of(train).filter(i -> rows.get(i).classIndex() == 1).count(),
                IntStream.of(train).filter(i -> rows.get(i).classIndex() == 0).count());
        assertEquals(String.format(Locale.ROOT, "column 'hint' alone predicts 'class' (stump accuracy %.3f on the training rows, majority class %.3f)",
                1 - flipped / 1200.0, majority / 1200.0), report.warnings().get(0).problem());
        assertEquals("a leak? drop it from features", report.warnings().get(0).fix());
    }

    @Test
    void aFeatureThatPredictsARealTargetAloneIsALeakStraightOrCurved() throws Exception {
        DataCheckReport report = check(rows(2000), columns(
                "echo", (Function<Row, String>) r -> num(3 * r.y() + 0.7 * new Random(r.index()).nextGaussian()),
                "curve", (Function<Row, String>) r -> num(Math.exp(r.y()))), false, "error");
        assertEquals(List.of("leak echo", "leak curve"), found(report), "x1 alone explains about 3/4 of y: no leak");
        assertTrue(report.warnings().get(0).problem().matches("column 'echo' alone predicts 'y' \\(R² 0\\.9[6-9]\\d of a straight-line fit on the training rows\\)"),
                report.warnings().get(0).problem());
        assertTrue(report.warnings().get(1).problem().matches("column 'curve' alone predicts 'y' \\(R² 1\\.000 of a rank fit on the training rows\\)"),
                report.warnings().get(1).problem());
    }

    @Test
    void aClassWithUnderOnePercentOfTheRowsIsRare() throws Exception {
        DataCheckReport report = check(rows(2000), columns("x3", (Function<Row, String>) r -> num(r.noise())), false, "error");
        assertEquals(List.of(), report.warnings(), "regression: no classes");
        // 15 rows of class 'c' among 2000
        String text = Files.readString(dir.resolve("t.csv"));
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.set(0, "x1,x2,x3,class");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            Row r = rows(2000).get(i - 1);
            cells[3] = i % 133 == 0 ? "c" : r.label();
            lines.set(i, String.join(",", cells));
        }
        Files.writeString(dir.resolve("t.csv"), String.join("\n", lines) + "\n");
        Files.writeString(dir.resolve("t.yaml"), Files.readString(dir.resolve("t.yaml")).replace("targets: [y], task: regression", "targets: [class], task: classification"));
        report = DataCheck.of(SearchSpaceLoader.load(dir.resolve("t.yaml")));
        assertEquals(15, report.classes().get("c"));
        assertEquals(List.of("rare_class class"), found(report));
        assertEquals("class 'c' of 'class' has 15 of the 2000 rows (0.75 %)", report.warnings().get(0).problem());
    }

    @Test
    void validationAndTestRowsThatRepeatTrainingRowsAreCounted() throws Exception {
        // the last 100 rows copy the first 100
        List<Row> rows = new ArrayList<>(rows(2000).subList(0, 1900));
        rows.addAll(rows.subList(0, 100));
        DataCheckReport report = check(rows, Map.of());
        assertEquals(List.of("split_duplicates null"), found(report));
        SplitIndices split = SplitIndices.of(2000, VALIDATION, TEST, SEED);
        Set<Integer> train = new HashSet<>();
        for (int i : split.train()) train.add(i);
        long inValidation = IntStream.of(split.validation()).filter(i -> twin(i) >= 0 && train.contains(twin(i))).count();
        long inTest = IntStream.of(split.test()).filter(i -> twin(i) >= 0 && train.contains(twin(i))).count();
        assertTrue(inValidation > 0 && inTest > 0);
        assertEquals(String.format(Locale.ROOT, "%d of 400 validation rows and %d of 400 test rows repeat a training row exactly (features and target)",
                inValidation, inTest), report.warnings().get(0).problem());
    }

    /** The copy of row i in the table above, or -1. */
    static int twin(int i) { return i < 100 ? i + 1900 : i >= 1900 ? i - 1900 : -1; }

    @Test
    void splitPartsWithTooFewRowsOrWithoutAClassAreNamed() throws Exception {
        DataCheckReport report = check(rows(100), Map.of());
        assertEquals(new DataCheckReport.Parts(60, 20, 20), report.split());
        assertEquals(List.of("too_few_rows null", "too_few_rows null"), found(report));
        assertEquals("the validation part has 20 rows, fewer than 50", report.warnings().get(0).problem());
        assertEquals("the test part has 20 rows, fewer than 50", report.warnings().get(1).problem());

        // two rows of class 'c' in 1000: at most two of the three parts can have one
        List<Row> rows = rows(1000);
        StringBuilder csv = new StringBuilder("x1,x2,class\n");
        for (Row r : rows) csv.append(num(r.x1())).append(',').append(num(r.x2())).append(',').append(r.index() % 500 == 7 ? "c" : r.label()).append('\n');
        Files.writeString(dir.resolve("t.csv"), csv);
        report = DataCheck.of(SearchSpaceLoader.load(dir.resolve("t.yaml")));
        SplitIndices split = SplitIndices.of(1000, VALIDATION, TEST, SEED);
        List<String> expected = new ArrayList<>(List.of("rare_class class"));
        Map<String, int[]> parts = new LinkedHashMap<>();
        parts.put("training", split.train());
        parts.put("validation", split.validation());
        parts.put("test", split.test());
        List<String> lacking = new ArrayList<>();
        parts.forEach((part, indices) -> {
            if (IntStream.of(indices).noneMatch(i -> i % 500 == 7)) {
                expected.add("too_few_rows class");
                lacking.add("class 'c' has no row in the " + part + " part");
            }
        });
        assertTrue(lacking.size() >= 1);
        assertEquals(expected, found(report));
        assertEquals(lacking, report.warnings().subList(1, expected.size()).stream().map(DataWarning::problem).toList());
    }

    @Test
    void sentinelCountsAndTrainingMediansAreReported() throws Exception {
        // 'dose' is -999 in every 40th row (50 of 2000)
        List<Row> rows = rows(2000);
        DataCheckReport report = check(rows, columns("dose", (Function<Row, String>) r -> r.index() % 40 == 3 ? "-999" : num(r.x1() + 5)),
                true, "{sentinels: [-999], policy: impute_median}");
        assertEquals(List.of(), report.warnings());
        assertEquals(Map.of("dose", 50), report.missing().byColumn());
        assertEquals(0, report.missing().rowsDropped());
        ColumnProfile dose = report.columns().get(2);
        assertEquals(0.025, dose.missingShare());
        assertTrue(dose.min() > 0, "the sentinel is not a value");
        double[] present = IntStream.of(SplitIndices.of(2000, VALIDATION, TEST, SEED).train()).filter(i -> i % 40 != 3)
                .mapToDouble(i -> Float.parseFloat(num(rows.get(i).x1() + 5))).sorted().toArray();
        double median = present.length % 2 == 1 ? present[present.length / 2] : (present[present.length / 2 - 1] + present[present.length / 2]) / 2;
        median = Double.parseDouble(Float.toString((float) median));  // the float that fills, as its shortest decimal
        assertEquals(median, dose.imputedWith());
        assertTrue(report.summary().contains("  missing values (impute_median; empty, NaN, -999): dose 50 (2.5 %, filled with the training median "
                + DataCheckReport.compact(median) + ")"), String.join("\n", report.summary()));
    }

    @Test
    void theMagicGammaFileHasNoLeakOrIdentifier() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../shared/datasets/magic-gamma/magic04_with_header.csv"));
        List<String> slice = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i += 5) slice.add(lines.get(i));  // the file is sorted by class: take every 5th row
        Files.write(dir.resolve("magic.csv"), slice);
        Files.writeString(dir.resolve("magic.yaml"), """
                study: {name: magic, seed: 7}
                dataset:
                  csv: {path: magic.csv, targets: [class], task: classification}
                """);
        DataCheckReport report = DataCheck.of(SearchSpaceLoader.load(dir.resolve("magic.yaml")));
        assertEquals(3804, report.rows());
        Set<Kind> kinds = new HashSet<>();
        report.warnings().forEach(w -> kinds.add(w.kind()));
        kinds.retainAll(Set.of(Kind.IDENTIFIER, Kind.LEAK, Kind.CONSTANT, Kind.NEAR_CONSTANT, Kind.DUPLICATE_COLUMN, Kind.RARE_CLASS));
        assertEquals(Set.of(), kinds, report.warnings().toString());
        assertEquals(11, report.columns().size());
    }

    @Test
    void calorimeterCellsAreSummarisedNotWarnedAbout() throws Exception {
        Files.writeString(dir.resolve("calo.yaml"), """
                study: {name: calo, seed: 3}
                dataset:
                  calo: {variant: A, events: 300, target: energy}
                """);
        DataCheckReport report = DataCheck.of(SearchSpaceLoader.load(dir.resolve("calo.yaml")));
        assertEquals(List.of(), report.warnings());
        assertNotNull(report.image());
        assertEquals(225, report.image().cells());
        assertEquals(226, report.columns().size(), "every cell is profiled, and the energy");
        assertEquals(0.0, report.image().min(), 0.05);
        assertNull(report.classes());
        assertTrue(report.summary().get(1).startsWith("  image: 225 cells from "), report.summary().get(1));
    }

    @Test
    void singleFeatureFitsOnHandMadeNumbers() {
        // x sorted: classes 0 0 1 0 1 1: the best threshold (between 2 and 3, or 4 and 5) gets 5 of 6 right
        assertEquals(5 / 6.0, SingleFeatureFit.stumpAccuracy(new float[] {5, 1, 3, 2, 6, 4}, new int[] {1, 0, 1, 0, 1, 0}, 2), 1e-12);
        // ties cannot be split: 1, 1 hold both classes
        assertEquals(0.75, SingleFeatureFit.stumpAccuracy(new float[] {1, 1, 2, 2}, new int[] {0, 1, 1, 1}, 2), 1e-12);
        assertEquals(1.0, SingleFeatureFit.linearR2(new double[] {1, 2, 3}, new double[] {5, 3, 1}), 1e-12);
        assertEquals(0.0, SingleFeatureFit.linearR2(new double[] {1, 1, 1}, new double[] {5, 3, 1}));
        assertEquals(List.of(0.5, 0.5, 2.0, 3.0), Arrays.stream(SingleFeatureFit.ranks(new double[] {7, 7, 8, 9})).boxed().toList());
        assertEquals(1.0, SingleFeatureFit.rankR2(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 1000}), 1e-12);
        assertEquals(1.0, SingleFeatureFit.stumpAccuracy(new float[] {-3, -1, -0f, 0f, 2}, new int[] {0, 0, 1, 1, 1}, 2), 1e-12,
                "negative values sort below positive ones");
    }
}
