package dev.plateau.data;

import dev.plateau.InputException;
import dev.plateau.space.CsvSource;
import dev.plateau.space.MissingPolicy;
import dev.plateau.space.MissingValues;
import dev.plateau.space.Task;
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
 * <p>Missing values — an empty cell, NaN (any case) or one of the declared sentinels — follow
 * {@link MissingValues#policy()}: an error naming the first one, the row dropped, or (imputing
 * policies) the value kept as NaN for {@link PreparedData#split} to fill with the column's median over
 * the training rows; {@code impute_and_flag} also appends a 0/1 column {@code <column>_missing} for each
 * feature with a missing value. A missing target drops its row under every policy but {@code error}.
 *
 * <pre>{@code
 * Dataset d = new CsvDatasetReader(path, List.of(), List.of("class"), Task.CLASSIFICATION, false).read();
 * }</pre>
 *
 * @param features feature columns; empty means every column that is neither a target nor the weights
 * @param missing  what counts as missing and what to do with it
 * @param weights  the column of per-row event weights (never a feature), or null
 */
public record CsvDatasetReader(Path file, List<String> features, List<String> targets, Task task, MissingValues missing, String weights) {
    /** A reader of unweighted rows. */
    public CsvDatasetReader(Path file, List<String> features, List<String> targets, Task task, MissingValues missing) {
        this(file, features, targets, task, missing, null);
    }

    /** Suffix of the indicator column {@code impute_and_flag} adds for a feature with missing values. */
    public static final String FLAG_SUFFIX = "_missing";

    /** The original form: an empty cell is an error, or drops its row. */
    public CsvDatasetReader(Path file, List<String> features, List<String> targets, Task task, boolean dropMissing) {
        this(file, features, targets, task, MissingValues.of(dropMissing ? MissingPolicy.DROP_ROW : MissingPolicy.ERROR));
    }

    /** The reader of a search space's CSV block (its path resolved by the loader), with the dataset's weight column or null. */
    public static CsvDatasetReader of(CsvSource csv, String weights) {
        return new CsvDatasetReader(Path.of(csv.path()), csv.features(), csv.targets(), csv.task(), csv.missing(), weights);
    }

    /** A table as read, and what was missing in it. */
    public record Read(Dataset dataset, MissingCounts missing) {}

    /** Bounds that keep a hostile or mistaken file from exhausting memory before it is found out. */
    static final int MAX_LINE_CHARS = 4 << 20, MAX_COLUMNS = 100_000;

    /** A line past {@link #MAX_LINE_CHARS}, raised by the reader under the parser. */
    private static final class LineTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;

        LineTooLong(long line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** Counts characters per line and stops at the bound; Commons CSV would otherwise buffer a line of any length. */
    private static final class BoundedLines extends java.io.FilterReader {
        private long line = 1, column;

        BoundedLines(Reader in) { super(in); }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) count((char) c);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) count(buffer[offset + i]);
            return n;
        }

        private void count(char c) {
            if (c == '\n') {
                line++;
                column = 0;
            } else if (++column > MAX_LINE_CHARS) throw new LineTooLong(line);
        }
    }

    /** Strict: one header row of unique, non-empty names. */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).setAllowMissingColumnNames(false)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();

    /** The column names of a CSV file's header (read under the same bounds as the rows), to see which columns it has. */
    public static List<String> header(Path file) {
        return new CsvDatasetReader(file, List.of(), List.of(), Task.REGRESSION, MissingValues.STRICT).parsed(CSVParser::getHeaderNames);
    }

    /** Hands {@code file}'s parser (header read) to {@code use} under the reader's bounds and one-line errors. */
    public static <T> T scan(Path file, java.util.function.Function<CSVParser, T> use) {
        return new CsvDatasetReader(file, List.of(), List.of(), Task.REGRESSION, MissingValues.STRICT).parsed(use);
    }

    /** The table; under an imputing policy its missing feature values are NaN until {@link PreparedData#split} fills them. */
    public Dataset read() { return readWithCounts().dataset(); }

    /** The table and the count of missing values per column. */
    public Read readWithCounts() { return parsed(this::dataset); }

    /**
     * Opens the file under every bound, hands its parser to {@code use}, and turns each way reading can
     * fail into a one-line error naming the file.
     */
    private <T> T parsed(java.util.function.Function<CSVParser, T> use) {
        checkSize();
        checkColumns();
        try (Reader in = new BoundedLines(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = FORMAT.parse(in)) {
            return use.apply(parser);
        } catch (LineTooLong e) {
            throw tooLong(e.line);
        } catch (NoSuchFileException e) {
            throw InputException.at(file, 0, null, "CSV file not found", "check the dataset path");
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV reports duplicate or empty header names and malformed quoting this way.
            throw InputException.at(file, 1, null, "malformed CSV: " + e.getMessage(), "give the file a header row of unique column names");
        } catch (UncheckedIOException | IOException e) {
            throw InputException.at(file, 0, null, "cannot read the CSV file: " + e.getMessage(), "check the file's encoding (UTF-8) and quoting");
        }
    }

    private Read dataset(CSVParser parser) {
        List<String> header = parser.getHeaderNames();
        List<String> featureCols = features.isEmpty()
                ? header.stream().filter(h -> !targets.contains(h) && !h.equals(weights)).toList() : features;
        for (String col : weights == null ? concat(featureCols, targets) : concat(concat(featureCols, targets), List.of(weights)))
            if (!header.contains(col))
                throw InputException.at(file, 1, col, "column '" + col + "' is not in the header " + header,
                        "name columns exactly as in the first line");
        if (weights != null && (featureCols.contains(weights) || targets.contains(weights)))
            throw InputException.at(file, 1, weights, "the event-weight column is also a " + (targets.contains(weights) ? "target" : "feature"),
                    "take it out of " + (targets.contains(weights) ? "targets" : "features") + ": weights are never learnt from");
        if (featureCols.isEmpty())
            throw InputException.at(file, 1, null, "no feature columns", "list features: in the search space");

        int f = featureCols.size();
        Map<String, Integer> labels = new LinkedHashMap<>();
        List<float[]> rows = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        int[] missingRead = new int[f + targets.size()], missingKept = new int[f];
        int rowsRead = 0;
        for (CSVRecord rec : parser) {
            long line = parser.getCurrentLineNumber();
            if (!rec.isConsistent())
                throw InputException.at(file, (int) line, null, "row has " + rec.size() + " cells, header has "
                        + header.size(), "give every row one cell per header column");
            rowsRead++;
            boolean drop = false;
            float[] x = new float[f];
            for (int j = 0; j < f; j++) {
                x[j] = (float) value(rec.get(featureCols.get(j)), line, featureCols.get(j));
                if (Float.isNaN(x[j])) {
                    missingRead[j]++;
                    drop |= missing.policy() == MissingPolicy.DROP_ROW;
                }
            }
            double[] y = new double[targets.size()];
            String[] labelCells = new String[targets.size()];
            for (int j = 0; j < y.length; j++) {
                String cell = rec.get(targets.get(j));
                if (task == Task.CLASSIFICATION) labelCells[j] = labelMissing(cell, line, targets.get(j)) ? null : cell;
                else y[j] = value(cell, line, targets.get(j));
                if (task == Task.CLASSIFICATION ? labelCells[j] == null : Double.isNaN(y[j])) {
                    missingRead[f + j]++;
                    drop = true;  // a target is never imputed
                }
            }
            if (drop) continue;
            if (weights != null) {
                String cell = rec.get(weights);
                double w;
                try {
                    w = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    w = Double.NaN;
                }
                if (!Double.isFinite(w) || w < 0)
                    throw InputException.at(file, (int) line, weights, "event weight '" + cell + "' is not a finite number at least 0",
                            "fix the weight, or drop the row");
                ws.add(w);
            }
            // classes are numbered in order of their first kept row, so a class seen only in dropped rows does not exist
            for (int j = 0; j < y.length; j++) if (labelCells[j] != null) y[j] = labels.computeIfAbsent(labelCells[j], k -> labels.size());
            for (int j = 0; j < f; j++) if (Float.isNaN(x[j])) missingKept[j]++;
            rows.add(x);
            ys.add(y);
        }
        if (rows.isEmpty())
            throw rowsRead == 0 ? InputException.at(file, 0, null, "no data rows", "add rows below the header")
                    : InputException.at(file, 0, null, "no data rows left: each of the " + rowsRead + " rows has a missing value",
                    "fill in the values, or use missing: {policy: impute_median}");
        if (task == Task.CLASSIFICATION && labels.size() < 2)
            throw InputException.at(file, 0, targets.get(0), "classification needs at least two classes, found " + labels.keySet(),
                    "check the target column");
        List<String> names = new ArrayList<>(featureCols);
        List<Integer> flagged = new ArrayList<>();
        for (int j = 0; j < f; j++) {
            if (missingKept[j] == rows.size())
                throw InputException.at(file, 0, featureCols.get(j), "has no values: all " + rows.size() + " are missing",
                        "drop it from features");
            if (missingKept[j] > 0 && missing.policy() == MissingPolicy.IMPUTE_AND_FLAG) {
                String flag = featureCols.get(j) + FLAG_SUFFIX;
                if (header.contains(flag))
                    throw InputException.at(file, 1, flag, "impute_and_flag adds a column '" + flag + "', but the file has one",
                            "rename that column");
                flagged.add(j);
                names.add(flag);
            }
        }
        int width = names.size();
        float[] fx = new float[rows.size() * width];
        double[] ty = new double[rows.size() * targets.size()];
        for (int i = 0; i < rows.size(); i++) {
            float[] x = rows.get(i);
            System.arraycopy(x, 0, fx, i * width, f);
            for (int k = 0; k < flagged.size(); k++) fx[i * width + f + k] = Float.isNaN(x[flagged.get(k)]) ? 1f : 0f;
            System.arraycopy(ys.get(i), 0, ty, i * targets.size(), targets.size());
        }
        Map<String, Integer> byColumn = new LinkedHashMap<>();
        List<String> columns = concat(featureCols, targets);
        for (int j = 0; j < columns.size(); j++) if (missingRead[j] > 0) byColumn.put(columns.get(j), missingRead[j]);
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        double[] w = weights == null ? null : EventWeights.checked(ws.stream().mapToDouble(Double::doubleValue).toArray(),
                i -> new IllegalStateException("weight " + i + " passed the row check above"),
                () -> InputException.at(file, 0, weights, "the event weights are all 0", "check the weight column"));
        return new Read(new Dataset(name, task, names, targets, List.copyOf(labels.keySet()), null, rows.size(), fx, ty, w),
                new MissingCounts(missing.policy(), missing.sentinels(), rowsRead, rowsRead - rows.size(), byColumn));
    }

    /** A regular file no larger than half the heap: its floats, rows and strings must fit beside the training. */
    private void checkSize() {
        if (!Files.isRegularFile(file)) throw InputException.at(file, 0, null, "not a regular file (a folder or a device?)", "name a CSV file");
        try {
            long bytes = Files.size(file), heap = Runtime.getRuntime().maxMemory();
            if (bytes > heap / 2)
                throw InputException.at(file, 0, null, "the file is " + bytes + " bytes, more than half the memory this JVM may use (" + heap + ")",
                        "use a smaller file, or more memory (PLATEAU_JAVA_OPTS=-Xmx...)");
        } catch (IOException e) {
            throw InputException.at(file, 0, null, "cannot read the CSV file: " + e.getMessage(), "check its permissions");
        }
    }

    /** The header's cell count, counted on the bounded first line before any parser holds it. */
    private void checkColumns() {
        try (Reader in = new BoundedLines(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            long columns = 1;
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) if (c == ',') columns++;
            if (columns > MAX_COLUMNS)
                throw InputException.at(file, 1, null, "the header has " + columns + " columns, more than " + MAX_COLUMNS,
                        "is this the data file? Plateau reads tables of at most " + MAX_COLUMNS + " columns");
        } catch (LineTooLong e) {
            throw tooLong(e.line);
        } catch (java.nio.charset.MalformedInputException e) {
            return;  // the parser reports the encoding with its line
        } catch (IOException e) {
            throw InputException.at(file, 0, null, "cannot read the CSV file: " + e.getMessage(), "check its permissions");
        }
    }

    private InputException tooLong(long line) {
        return InputException.at(file, (int) Math.min(line, Integer.MAX_VALUE), null, "the line is longer than " + MAX_LINE_CHARS + " characters",
                "is this a CSV file? Plateau reads lines of at most " + MAX_LINE_CHARS + " characters");
    }

    /**
     * A cell's number, or NaN when it is missing (empty, NaN or a sentinel); under {@code error} a missing
     * cell stops the read. Infinities and text are never read as missing: they are mistakes.
     */
    private double value(String cell, long line, String column) {
        double v;
        if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) v = Double.NaN;
        else try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw notANumber(cell, line, column);
        }
        if (Double.isInfinite(v)) throw notANumber(cell, line, column);
        if (!missing.isMissing(v)) return v;
        if (missing.policy() == MissingPolicy.ERROR) throw missingCell(cell, line, column);
        return Double.NaN;
    }

    /** Whether a class label is missing: empty, NaN or a number that is a sentinel (under {@code error}, an error). */
    private boolean labelMissing(String cell, long line, String column) {
        boolean absent = cell.isEmpty() || cell.equalsIgnoreCase("nan");
        if (!absent && !missing.sentinels().isEmpty())
            try {
                absent = missing.isMissing(Double.parseDouble(cell));
            } catch (NumberFormatException e) {
                // a label that is not a number is never a sentinel
            }
        if (absent && missing.policy() == MissingPolicy.ERROR) throw missingCell(cell, line, column);
        return absent;
    }

    private InputException notANumber(String cell, long line, String column) {
        return InputException.at(file, (int) line, column, "'" + cell + "' is not a finite number",
                "fix the cell, or drop the column from features");
    }

    private InputException missingCell(String cell, long line, String column) {
        String what = cell.isEmpty() ? "empty cell" : cell.equalsIgnoreCase("nan") ? "'" + cell + "' is a missing value"
                : "'" + cell + "' is a missing-value sentinel";
        return InputException.at(file, (int) line, column, what,
                "fill it in, or set missing: {policy: drop_row}, impute_median or impute_and_flag");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
