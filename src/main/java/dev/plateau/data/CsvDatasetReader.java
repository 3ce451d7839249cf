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
        return new CsvDatasetReader(file, List.of(), List.of(), Task.REGRESSION, false).parsed(CSVParser::getHeaderNames);
    }

    /** Hands {@code file}'s parser (header read) to {@code use} under the reader's bounds and one-line errors. */
    public static <T> T scan(Path file, java.util.function.Function<CSVParser, T> use) {
        return new CsvDatasetReader(file, List.of(), List.of(), Task.REGRESSION, false).parsed(use);
    }

    public Dataset read() {
        return parsed(this::dataset);
    }

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

    private Dataset dataset(CSVParser parser) {
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
