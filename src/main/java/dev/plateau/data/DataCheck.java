package dev.plateau.data;

import dev.plateau.data.DataWarning.Kind;
import dev.plateau.space.CsvSource;
import dev.plateau.space.DatasetSpec;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code plateau data check}, also run when a search starts: a study's data loaded and split exactly as
 * the search loads and splits it, each column profiled, and the properties that silently spoil a study
 * named — identifier columns, (near-)constant and duplicate columns, a single feature that predicts the
 * target on its own (a leak), rare classes, validation or test rows that repeat training rows, and
 * parts of the split too small to measure on. Thresholds are the constants below.
 *
 * <p>Image cells (calorimeter data) are profiled but get no warnings of their own: cells at the edge
 * are zero in nearly every shower and a central cell follows the energy, both by design. They are
 * summarised instead ({@link DataCheckReport.ImageCells}), with one warning only if every cell is
 * near-constant.
 */
public final class DataCheck {
    /** A column with one value in at least this share of its rows is near-constant. */
    public static final double NEAR_CONSTANT_SHARE = 0.999;
    /** A single feature that predicts the target better than this on the training rows is a suspected leak. */
    public static final double LEAK_SCORE = 0.95;
    /** A class with fewer than this share of the rows is rare. */
    public static final double RARE_CLASS_SHARE = 0.01;
    /** A part of the split with fewer rows than this measures too noisily. */
    public static final int MIN_PART_ROWS = 50;
    /** Below this many rows, unique or ordered values are too likely by chance to call a column an identifier. */
    public static final int MIN_IDENTIFIER_ROWS = 20;

    private DataCheck() {}

    /**
     * The check of a search space's data. A CSV file is read by the reader {@link DatasetLoader#load}
     * uses, asked for its missing-value counts as well; any other source is loaded by {@code load}
     * itself. The split is the study's ({@link SplitIndices}, the study seed).
     */
    public static DataCheckReport of(SearchSpace space) {
        DatasetSpec spec = space.dataset();
        if (spec.source() instanceof CsvSource csv) {
            CsvDatasetReader.Read read = CsvDatasetReader.of(csv, spec.weights()).readWithCounts();
            return of(read.dataset(), read.missing(), spec.split().validation(), spec.split().test(), space.study().seed());
        }
        Dataset raw = DatasetLoader.load(spec);
        return of(raw, MissingCounts.inDataset(raw), spec.split().validation(), spec.split().test(), space.study().seed());
    }

    /** The check of a loaded table (missing feature values still NaN) split as {@link PreparedData#split} splits it. */
    public static DataCheckReport of(Dataset raw, MissingCounts missing, double validationFraction, double testFraction, long splitSeed) {
        List<DataWarning> warnings = new ArrayList<>();
        SplitIndices split = null;
        try {
            split = SplitIndices.of(raw.rows(), validationFraction, testFraction, splitSeed);
        } catch (IllegalArgumentException e) {
            warnings.add(new DataWarning(Kind.TOO_FEW_ROWS, null, String.format(Locale.ROOT,
                    "the %d rows are too few for a split of %.0f %% validation and %.0f %% test", raw.rows(), 100 * validationFraction,
                    100 * testFraction), "use more data, or a smaller split.validation / split.test"));
        }
        MedianImputation medians = split == null ? null : MedianImputation.of(raw, split.train());
        boolean image = raw.imageShape() != null;

        List<ColumnProfile> columns = new ArrayList<>();
        List<Column> features = new ArrayList<>();
        for (int j = 0; j < raw.featureCount(); j++) {
            Column c = Column.of(featureColumn(raw, j));
            features.add(c);
            columns.add(c.profile(raw.featureNames().get(j), ColumnProfile.Role.FEATURE, missing.share(raw.featureNames().get(j)),
                    medians == null || Double.isNaN(medians.medians()[j]) ? null : medians.medians()[j]).asFloats());
        }
        Map<String, Integer> classes = null;
        if (raw.task() == Task.CLASSIFICATION) {
            classes = classCounts(raw, allRows(raw.rows()));
            String target = raw.targetNames().get(0);
            columns.add(new ColumnProfile(target, ColumnProfile.Role.TARGET, ColumnProfile.Type.CLASS, null, null,
                    (int) classes.values().stream().filter(n -> n > 0).count(), missing.share(target), null));
        }
        List<Column> targets = new ArrayList<>();
        for (int t = 0; raw.task() == Task.REGRESSION && t < raw.targetCount(); t++) {
            String target = raw.targetNames().get(t);
            targets.add(Column.of(targetColumn(raw, t)));
            columns.add(targets.get(t).profile(target, ColumnProfile.Role.TARGET, missing.share(target), null));
        }

        DataCheckReport.ImageCells cells = null;
        if (image) cells = imageCells(features, warnings);
        else columnWarnings(raw, features, warnings);
        for (int t = 0; t < targets.size(); t++)
            if (targets.get(t).constant())
                warnings.add(new DataWarning(Kind.CONSTANT, raw.targetNames().get(t), "target '" + raw.targetNames().get(t) + "' is constant ("
                        + DataCheckReport.compact(targets.get(t).min()) + ")", "there is nothing to learn: check the target column"));
        if (split != null && !image) leakWarnings(raw, features, split.train(), warnings);
        if (classes != null) rareClassWarnings(raw, classes, warnings);
        if (split != null) {
            splitDuplicateWarning(raw, split, warnings);
            splitSizeWarnings(raw, split, warnings);
        }
        warnings.sort(java.util.Comparator.comparing(DataWarning::kind));  // stable: within a kind, column order
        return new DataCheckReport(raw.name(), raw.task(), raw.rows(),
                split == null ? null : new DataCheckReport.Parts(split.train().length, split.validation().length, split.test().length),
                missing, classes, cells, columns, warnings);
    }

    /**
     * What one column's values (in row order) tell, without keeping them: the check holds one column at
     * a time, so it needs little memory beside the table however large the table is.
     */
    private record Column(int present, int distinct, double modeShare, double mode, double min, double max, boolean integers,
                          boolean increasing, boolean decreasing, int hash) {
        static Column of(double[] values) {
            double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            int n = sorted.length, distinct = 0, run = 0, longest = 0;
            double mode = Double.NaN;
            boolean integers = true;
            for (int i = 0; i < n; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    distinct++;
                    run = 0;
                }
                if (++run > longest) {
                    longest = run;
                    mode = sorted[i];
                }
                integers &= sorted[i] == Math.rint(sorted[i]);
            }
            boolean up = true, down = true;  // strictly, over the rows that have a value
            double previous = Double.NaN;
            for (double v : values) {
                if (Double.isNaN(v)) continue;
                if (!Double.isNaN(previous)) {
                    up &= v > previous;
                    down &= v < previous;
                }
                previous = v;
            }
            return new Column(n, distinct, n == 0 ? 0 : longest / (double) n, mode, n == 0 ? Double.NaN : sorted[0],
                    n == 0 ? Double.NaN : sorted[n - 1], integers, up, down, Arrays.hashCode(values));
        }

        ColumnProfile profile(String name, ColumnProfile.Role role, double missingShare, Double imputedWith) {
            ColumnProfile.Type type = distinct <= 1 ? ColumnProfile.Type.CONSTANT : distinct == 2 ? ColumnProfile.Type.BINARY
                    : integers ? ColumnProfile.Type.INTEGER : ColumnProfile.Type.NUMERIC;
            return new ColumnProfile(name, role, type, present == 0 ? null : min, present == 0 ? null : max, distinct, missingShare, imputedWith);
        }

        boolean constant() { return distinct <= 1; }

        boolean nearConstant() { return modeShare >= NEAR_CONSTANT_SHARE; }

        boolean identifier() { return present >= MIN_IDENTIFIER_ROWS && ((integers && distinct == present) || increasing || decreasing); }
    }

    private static void columnWarnings(Dataset raw, List<Column> features, List<DataWarning> warnings) {
        Map<Integer, List<Integer>> byHash = new HashMap<>();
        for (int j = 0; j < features.size(); j++) {
            Column c = features.get(j);
            String name = raw.featureNames().get(j);
            if (c.identifier())
                warnings.add(new DataWarning(Kind.IDENTIFIER, name, "column '" + name + "' looks like a row identifier ("
                        + (c.increasing() ? "strictly increasing over the rows" : c.decreasing() ? "strictly decreasing over the rows"
                        : "a different integer in every row") + ")", "a network can only memorise it: drop it from features"));
            if (c.constant())
                warnings.add(new DataWarning(Kind.CONSTANT, name, "column '" + name + "' is constant (" + DataCheckReport.compact(c.min())
                        + " in every row)", "it carries no information: drop it from features"));
            else if (c.nearConstant())
                warnings.add(new DataWarning(Kind.NEAR_CONSTANT, name, String.format(Locale.ROOT, "column '%s' is %s in %.2f %% of the rows",
                        name, DataCheckReport.compact(c.mode()), 100 * c.modeShare()), "near-constant: drop it from features unless its rare values matter"));
            else {
                for (int earlier : byHash.getOrDefault(c.hash(), List.of()))
                    if (Arrays.equals(featureColumn(raw, earlier), featureColumn(raw, j))) {
                        String first = raw.featureNames().get(earlier);
                        warnings.add(new DataWarning(Kind.DUPLICATE_COLUMN, name, "column '" + name + "' repeats column '" + first
                                + "' in every row", "drop one of them from features"));
                        break;
                    }
                byHash.computeIfAbsent(c.hash(), k -> new ArrayList<>()).add(j);
            }
        }
    }

    private static DataCheckReport.ImageCells imageCells(List<Column> cells, List<DataWarning> warnings) {
        int nearConstant = (int) cells.stream().filter(c -> c.constant() || c.nearConstant()).count();
        if (nearConstant == cells.size())
            warnings.add(new DataWarning(Kind.CONSTANT, null, "every one of the " + cells.size() + " image cells is (near-)constant",
                    "the images carry no information: check the data source"));
        return new DataCheckReport.ImageCells(cells.size(), nearConstant,
                asRead((float) cells.stream().mapToDouble(Column::min).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN)),
                asRead((float) cells.stream().mapToDouble(Column::max).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN)));
    }

    /** A feature that alone predicts a target on the training rows: a stump for classes, a line or a rank fit for a real target. */
    private static void leakWarnings(Dataset raw, List<Column> features, int[] train, List<DataWarning> warnings) {
        for (int j = 0; j < features.size(); j++) {
            if (features.get(j).constant()) continue;
            String name = raw.featureNames().get(j);
            double[] values = featureColumn(raw, j);
            if (raw.task() == Task.CLASSIFICATION) {
                int[] present = Arrays.stream(train).filter(r -> !Double.isNaN(values[r])).toArray();
                float[] x = new float[present.length];
                int[] y = new int[present.length];
                int[] counts = new int[raw.classLabels().size()];
                for (int i = 0; i < present.length; i++) {
                    x[i] = (float) values[present[i]];
                    y[i] = (int) raw.target(present[i], 0);
                    counts[y[i]]++;
                }
                double majority = Arrays.stream(counts).max().orElse(0) / (double) Math.max(1, present.length);
                double accuracy = SingleFeatureFit.stumpAccuracy(x, y, counts.length);
                if (majority < LEAK_SCORE && accuracy > LEAK_SCORE)
                    warnings.add(leak(name, raw.targetNames().get(0), String.format(Locale.ROOT,
                            "stump accuracy %.3f on the training rows, majority class %.3f", accuracy, majority)));
            } else
                for (int t = 0; t < raw.targetCount(); t++) {
                    final int target = t;
                    int[] present = Arrays.stream(train).filter(r -> !Double.isNaN(values[r]) && !Double.isNaN(raw.target(r, target))).toArray();
                    double[] x = Arrays.stream(present).mapToDouble(r -> values[r]).toArray();
                    double[] y = Arrays.stream(present).mapToDouble(r -> raw.target(r, target)).toArray();
                    double linear = SingleFeatureFit.linearR2(x, y);
                    double rank = linear > LEAK_SCORE ? linear : SingleFeatureFit.rankR2(x, y);
                    if (linear > LEAK_SCORE || rank > LEAK_SCORE)
                        warnings.add(leak(name, raw.targetNames().get(t), linear > LEAK_SCORE
                                ? String.format(Locale.ROOT, "R² %.3f of a straight-line fit on the training rows", linear)
                                : String.format(Locale.ROOT, "R² %.3f of a rank fit on the training rows", rank)));
                }
        }
    }

    private static DataWarning leak(String column, String target, String evidence) {
        return new DataWarning(Kind.LEAK, column, "column '" + column + "' alone predicts '" + target + "' (" + evidence + ")",
                "a leak? drop it from features");
    }

    private static void rareClassWarnings(Dataset raw, Map<String, Integer> classes, List<DataWarning> warnings) {
        String target = raw.targetNames().get(0);
        classes.forEach((label, n) -> {
            if (n < RARE_CLASS_SHARE * raw.rows())
                warnings.add(new DataWarning(Kind.RARE_CLASS, target, String.format(Locale.ROOT,
                        "class '%s' of '%s' has %d of the %d rows (%.2f %%)", label, target, n, raw.rows(), 100.0 * n / raw.rows()),
                        "too few to learn or to measure: collect more rows of it, merge it into another class, or drop its rows"));
        });
    }

    /** Validation and test rows that repeat a training row exactly, features and targets. */
    private static void splitDuplicateWarning(Dataset raw, SplitIndices split, List<DataWarning> warnings) {
        // training rows by hash, as sorted primitive keys (hash above, position below): 8 bytes a row, however many rows
        long[] training = new long[split.train().length];
        for (int i = 0; i < training.length; i++) training[i] = ((long) rowHash(raw, split.train()[i]) << 32) | i;
        Arrays.sort(training);
        int inValidation = repeats(raw, split.validation(), split.train(), training), inTest = repeats(raw, split.test(), split.train(), training);
        if (inValidation + inTest == 0) return;
        warnings.add(new DataWarning(Kind.SPLIT_DUPLICATES, null, String.format(Locale.ROOT,
                "%d of %d validation rows and %d of %d test rows repeat a training row exactly (features and target)",
                inValidation, split.validation().length, inTest, split.test().length),
                "they flatter the measured scores: remove the duplicate rows from the data"));
    }

    private static int repeats(Dataset raw, int[] rows, int[] train, long[] training) {
        int n = 0;
        for (int r : rows) {
            long hash = rowHash(raw, r);
            int k = Arrays.binarySearch(training, hash << 32);
            for (k = k < 0 ? -k - 1 : k; k < training.length && training[k] >> 32 == hash; k++)
                if (sameRow(raw, r, train[(int) training[k]])) {
                    n++;
                    break;
                }
        }
        return n;
    }

    private static int rowHash(Dataset raw, int r) {
        int h = 1;
        for (int j = 0; j < raw.featureCount(); j++) h = 31 * h + Float.floatToIntBits(raw.feature(r, j));
        for (int t = 0; t < raw.targetCount(); t++) h = 31 * h + Double.hashCode(raw.target(r, t));
        return h;
    }

    private static boolean sameRow(Dataset raw, int a, int b) {
        int f = raw.featureCount(), t = raw.targetCount();
        return Arrays.equals(raw.features(), a * f, a * f + f, raw.features(), b * f, b * f + f)
                && Arrays.equals(raw.targets(), a * t, a * t + t, raw.targets(), b * t, b * t + t);
    }

    /** Parts too small to measure on, and (classification) classes a part has no row of. */
    private static void splitSizeWarnings(Dataset raw, SplitIndices split, List<DataWarning> warnings) {
        Map<String, int[]> parts = new LinkedHashMap<>();
        parts.put("training", split.train());
        parts.put("validation", split.validation());
        parts.put("test", split.test());
        parts.forEach((part, rows) -> {
            if (rows.length == 0) return;  // no test part is a choice (split.test: 0)
            if (rows.length < MIN_PART_ROWS)
                warnings.add(new DataWarning(Kind.TOO_FEW_ROWS, null, "the " + part + " part has " + rows.length + " rows, fewer than "
                        + MIN_PART_ROWS, part.equals("training") ? "use more data" : "its metric is too noisy to rank models: use more data or a larger split." + part));
            if (raw.task() != Task.CLASSIFICATION) return;
            classCounts(raw, rows).forEach((label, n) -> {
                if (n == 0)
                    warnings.add(new DataWarning(Kind.TOO_FEW_ROWS, raw.targetNames().get(0), "class '" + label + "' has no row in the " + part + " part",
                            "use more data or a larger split, or merge the class into another"));
            });
        });
    }

    private static Map<String, Integer> classCounts(Dataset raw, int[] rows) {
        int[] counts = new int[raw.classLabels().size()];
        for (int r : rows) counts[(int) raw.target(r, 0)]++;
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        for (int k = 0; k < counts.length; k++) byLabel.put(raw.classLabels().get(k), counts[k]);
        return byLabel;
    }

    private static int[] allRows(int n) { return java.util.stream.IntStream.range(0, n).toArray(); }

    /** A feature value (a float) as the shortest decimal that reads back to it: 2.96121, not 2.961210012435913. */
    static double asRead(float v) { return Double.parseDouble(Float.toString(v)); }

    private static double[] featureColumn(Dataset d, int j) {
        double[] v = new double[d.rows()];
        for (int r = 0; r < v.length; r++) v[r] = d.feature(r, j);
        return v;
    }

    private static double[] targetColumn(Dataset d, int t) {
        double[] v = new double[d.rows()];
        for (int r = 0; r < v.length; r++) v[r] = d.target(r, t);
        return v;
    }
}
