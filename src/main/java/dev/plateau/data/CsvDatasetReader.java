package dev.plateau.data;

import dev.plateau.space.Task;
import dev.plateau.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads a headed CSV file into a {@link Dataset} with Apache Commons CSV. Any cell that cannot be read
 * is an {@link InputException} naming the file, line and column.
 *
 * <pre>{@code
 * Dataset d = new CsvDatasetReader(path, List.of(), List.of("class"), Task.CLASSIFICATION, false).read();
 * }</pre>
 *
 * @param features   feature columns; empty means every column that is not a target
 * @param dropMissing drop rows with an empty cell instead of failing
 */
public record CsvDatasetReader(Path file, List<String> features, List<String> targets, Task task, boolean dropMissing) {

    public Dataset read() {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).setAllowMissingColumnNames(false)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = format.parse(in)) {
            List<String> header = parser.getHeaderNames();
            List<String> featureCols = features.isEmpty()
                    ? header.stream().filter(h -> !targets.contains(h)).toList() : features;
            for (String col : concat(featureCols, targets))
                if (!header.contains(col))
                    throw InputException.at(file, 1, col, "column '" + col + "' is not in the header " + header,
                            "name columns exactly as in the first line");
            if (featureCols.isEmpty())
                throw InputException.at(file, 1, null, "no feature columns", "list features: in the search space");

            Map<String, Integer> labels = new LinkedHashMap<>();
            List<float[]> rows = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            records:
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (!rec.isConsistent())
                    throw InputException.at(file, (int) line, null, "row has " + rec.size() + " cells, header has "
                            + header.size(), "give every row one cell per header column");
                float[] x = new float[featureCols.size()];
                for (int j = 0; j < x.length; j++) {
                    String cell = rec.get(featureCols.get(j));
                    if (cell.isEmpty() && dropMissing) continue records;
                    x[j] = (float) number(cell, line, featureCols.get(j));
                }
                double[] y = new double[targets.size()];
                for (int j = 0; j < y.length; j++) {
                    String cell = rec.get(targets.get(j));
                    if (cell.isEmpty() && dropMissing) continue records;
                    if (task == Task.CLASSIFICATION) {
                        if (cell.isEmpty()) throw missing(line, targets.get(j));
                        y[j] = labels.computeIfAbsent(cell, k -> labels.size());
                    } else y[j] = number(cell, line, targets.get(j));
                }
                rows.add(x);
                ys.add(y);
            }
            if (rows.isEmpty()) throw InputException.at(file, 0, null, "no data rows", "add rows below the header");
            if (task == Task.CLASSIFICATION && labels.size() < 2)
                throw InputException.at(file, 0, targets.get(0), "classification needs at least two classes, found " + labels.keySet(),
                        "check the target column");
            float[] fx = new float[rows.size() * featureCols.size()];
            double[] ty = new double[rows.size() * targets.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, fx, i * featureCols.size(), featureCols.size());
                System.arraycopy(ys.get(i), 0, ty, i * targets.size(), targets.size());
            }
            String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
            return new Dataset(name, task, featureCols, targets, List.copyOf(labels.keySet()), null, rows.size(), fx, ty);
        } catch (NoSuchFileException e) {
            throw InputException.at(file, 0, null, "CSV file not found", "check the dataset path");
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV reports duplicate or empty header names and malformed quoting this way.
            throw InputException.at(file, 1, null, "malformed CSV: " + e.getMessage(), "give the file a header row of unique column names");
        } catch (UncheckedIOException | IOException e) {
            throw InputException.at(file, 0, null, "cannot read the CSV file: " + e.getMessage(), "check the file's encoding (UTF-8) and quoting");
        }
    }

    private double number(String cell, long line, String column) {
        if (cell.isEmpty()) throw missing(line, column);
        try {
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw InputException.at(file, (int) line, column, "'" + cell + "' is not a finite number",
                    "fix the cell, or drop the column from features");
        }
    }

    private InputException missing(long line, String column) {
        return InputException.at(file, (int) line, column, "empty cell", "fill it in, or set missing: drop_row");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
