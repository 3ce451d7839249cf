package dev.plateau.data;

import dev.plateau.InputException;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * What {@code plateau data inspect} tells a user about a file before they write a search space: its
 * columns (CSV) or datasets (HDF5) with their types and ranges, and a {@code dataset:} block to start
 * from — with the target guessed, the task guessed from it, and columns that look like identifiers or
 * event weights kept out of the features with the reason in a comment.
 *
 * @param summary one line per column or dataset, after a heading line
 * @param block   the ready-to-edit {@code dataset:} block
 */
public record FileSchema(List<String> summary, String block) {
    /** Names a target column or dataset often has, in order of preference. */
    static final List<String> TARGET_NAMES = List.of("class", "label", "target", "y", "energy", "energy_gev", "truth");
    /** The rows a CSV summary reads at most. */
    static final int MAX_ROWS = 100_000;
    /** A target with at most this many distinct integer values is taken for classes. */
    static final int MAX_CLASSES = 20;

    /** The schema of a CSV or HDF5 file, told apart by the HDF5 signature. */
    public static FileSchema of(Path file) {
        if (isHdf5(file)) return hdf5(file);
        return csv(file);
    }

    static boolean isHdf5(Path file) {
        try {
            Hdf5DatasetReader.checkSignature(file);
            return true;
        } catch (InputException e) {
            return false;
        }
    }

    /** One column's figures over the rows read. */
    private static final class Column {
        final String name;
        int filled, numeric, integers;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, last = Double.NaN;
        boolean increasing = true;
        final Set<String> distinct = new HashSet<>();

        Column(String name) { this.name = name; }

        void add(String cell) {
            if (cell == null || cell.isEmpty()) return;
            filled++;
            if (distinct.size() <= MAX_ROWS) distinct.add(cell);
            try {
                double v = Double.parseDouble(cell);
                numeric++;
                if (v == Math.rint(v)) integers++;
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (!(v > last) && !Double.isNaN(last)) increasing = false;
                last = v;
            } catch (NumberFormatException e) {
                increasing = false;
            }
        }

        boolean isNumeric() { return numeric == filled && filled > 0; }

        /** Unique integers, or integers that only grow: a row or event number. */
        boolean looksLikeId() { return isNumeric() && integers == filled && filled > 10 && (distinct.size() == filled || increasing); }

        boolean looksLikeWeight() {
            String n = name.toLowerCase(Locale.ROOT);
            return n.equals("weight") || n.equals("w") || n.endsWith("_weight") || n.startsWith("weight_") || n.contains("evtweight");
        }

        boolean looksLikeClasses() { return !isNumeric() || (integers == filled && distinct.size() <= MAX_CLASSES); }
    }

    static FileSchema csv(Path file) {
        List<Column> columns = CsvDatasetReader.scan(file, parser -> {
            List<Column> cs = parser.getHeaderNames().stream().map(Column::new).toList();
            int rows = 0;
            for (CSVRecord r : parser) {
                if (rows++ == MAX_ROWS) break;
                for (int j = 0; j < cs.size() && j < r.size(); j++) cs.get(j).add(r.get(j));
            }
            return cs;
        });
        int rows = columns.stream().mapToInt(c -> c.filled).max().orElse(0);
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "%s: CSV, %d columns, %s%d rows", file, columns.size(), rows >= MAX_ROWS ? "at least " : "", rows));
        summary.add(String.format(Locale.ROOT, "  %-24s %-8s %12s %12s %9s %8s", "column", "type", "min", "max", "distinct", "missing"));
        for (Column c : columns)
            summary.add(String.format(Locale.ROOT, "  %-24s %-8s %12.5g %12.5g %9d %8d", c.name, c.isNumeric() ? (c.integers == c.filled ? "integer" : "number") : "text",
                    c.isNumeric() ? c.min : Double.NaN, c.isNumeric() ? c.max : Double.NaN, c.distinct.size(), rows - c.filled));
        String named = guessTarget(columns.stream().map(c -> c.name).toList());
        Column target = columns.stream().filter(c -> c.name.equals(named)).findFirst().orElse(columns.get(columns.size() - 1));
        Set<String> restating = restating(file, columns, target);
        List<String> features = new ArrayList<>(), left = new ArrayList<>();
        for (Column c : columns) {
            if (c == target) continue;
            if (restating.contains(c.name)) left.add(c.name + " (restates the target: one value per class)");
            else
            if (c.looksLikeWeight()) left.add(c.name + " (event weights: not a feature)");
            else if (c.looksLikeId()) left.add(c.name + " (an identifier: unique or increasing integers)");
            else if (!c.isNumeric()) left.add(c.name + " (text)");
            else if (c.distinct.size() == 1) left.add(c.name + " (constant)");
            else features.add(c.name);
        }
        boolean classes = target.looksLikeClasses();
        StringBuilder b = new StringBuilder("dataset:\n  csv:\n    path: ").append(file.toAbsolutePath().normalize()).append('\n')
                .append("    features: [").append(String.join(", ", features)).append("]\n");
        if (!left.isEmpty()) b.append("    # left out: ").append(String.join("; ", left)).append('\n');
        b.append("    targets: [").append(target.name).append("]\n")
                .append("    task: ").append(classes ? "classification" : "regression")
                .append(classes ? "   # " + target.distinct.size() + " classes" : "").append('\n')
                .append("  split: {validation: 0.2, test: 0.2}\n");
        return new FileSchema(summary, b.toString());
    }

    /** Columns of few values each of which always comes with the same target value: the label under another name. */
    private static Set<String> restating(Path file, List<Column> columns, Column target) {
        if (!target.looksLikeClasses()) return Set.of();
        List<Integer> few = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++)
            if (columns.get(j) != target && columns.get(j).distinct.size() > 1 && columns.get(j).distinct.size() <= MAX_CLASSES) few.add(j);
        if (few.isEmpty()) return Set.of();
        int t = columns.indexOf(target);
        return CsvDatasetReader.scan(file, parser -> {
            List<java.util.Map<String, String>> pairs = few.stream().map(j -> (java.util.Map<String, String>) new java.util.HashMap<String, String>()).toList();
            boolean[] conflict = new boolean[few.size()];
            int rows = 0;
            for (CSVRecord r : parser) {
                if (rows++ == MAX_ROWS || r.size() <= t) break;
                for (int k = 0; k < few.size(); k++) {
                    if (few.get(k) >= r.size()) continue;
                    String before = pairs.get(k).putIfAbsent(r.get(few.get(k)), r.get(t));
                    if (before != null && !before.equals(r.get(t))) conflict[k] = true;
                }
            }
            Set<String> out = new HashSet<>();
            for (int k = 0; k < few.size(); k++) if (!conflict[k]) out.add(columns.get(few.get(k)).name);
            return out;
        });
    }

    static FileSchema hdf5(Path file) {
        try (HdfFile h5 = new HdfFile(file)) {
            List<String> paths = Hdf5DatasetReader.datasetPaths(h5);
            List<String> summary = new ArrayList<>();
            summary.add(file + ": HDF5, " + paths.size() + " datasets (first dimension: samples)");
            int samples = -1;
            List<int[]> shapes = new ArrayList<>();
            for (String p : paths) {
                io.jhdf.api.Dataset d = h5.getDatasetByPath(p);
                int[] shape = d.getDimensions();
                shapes.add(shape);
                summary.add(String.format(Locale.ROOT, "  %-24s %-16s %s", p, Arrays.toString(shape), d.getJavaType().getSimpleName()));
                if (shape.length > 0) samples = Math.max(samples, shape[0]);
            }
            String target = guessTarget(paths);
            if (target == null)
                for (int i = 0; i < paths.size(); i++)
                    if (shapes.get(i).length == 1 || (shapes.get(i).length == 2 && shapes.get(i)[1] == 1)) target = paths.get(i);
            List<String> features = new ArrayList<>();
            boolean images = false;
            for (int i = 0; i < paths.size(); i++) {
                if (paths.get(i).equals(target) || shapes.get(i).length == 0 || shapes.get(i)[0] != samples) continue;
                features.add(paths.get(i));
                images |= shapes.get(i).length >= 3;
            }
            StringBuilder b = new StringBuilder("dataset:\n  hdf5:\n    path: ").append(file.toAbsolutePath().normalize()).append('\n')
                    .append("    features: [").append(String.join(", ", features)).append("]")
                    .append(features.size() > 1 && images ? "   # a CNN reads one image layer: name it alone" : "").append('\n')
                    .append("    target: ").append(target == null ? "NAME   # no dataset of one value per sample found" : target).append('\n')
                    .append("    task: regression\n")
                    .append("    cells: ").append(images).append(images ? "   # energy deposits in one unit: common scale, energy_input" : "").append('\n')
                    .append(images ? "    metric: relative_rmse   # an energy target: the resolution, against the calibrated cell sum\n" : "")
                    .append("  split: {validation: 0.2, test: 0.2}\n");
            return new FileSchema(summary, b.toString());
        } catch (RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            throw InputException.at(file, 0, null, "cannot read the HDF5 file: " + e.getMessage(), "check that it is a complete HDF5 file");
        }
    }

    private static String guessTarget(List<String> names) {
        for (String wanted : TARGET_NAMES)
            for (String n : names)
                if (n.toLowerCase(Locale.ROOT).equals(wanted)) return n;
        return null;
    }
}
