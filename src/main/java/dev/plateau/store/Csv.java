package dev.plateau.store;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes result tables atomically (temp file, then rename), so a reader never sees half a file. */
public final class Csv {
    private Csv() {}

    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            print(w, header, rows);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The table as CSV text. */
    public static String text(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try {
            print(out, header, rows);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }

    private static void print(Appendable out, List<String> header, List<List<String>> rows) throws IOException {
        CSVPrinter p = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header.toArray(String[]::new)).build().print(out);
        for (List<String> row : rows) p.printRecord(row);
        p.flush();
    }

    /** Shortest round-trip text of a number; empty for NaN, so pandas reads a missing value. */
    public static String num(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }
}
