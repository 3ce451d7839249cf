package dev.plateau;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A study folder's CSV tables as tests compare them. */
public final class StudyTables {
    private StudyTables() {}

    public static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /** Each row as {@code column=value,...}, without the columns that measure time ({@code _seconds}): what must not depend on the run. */
    public static List<String> withoutSeconds(Path csv) throws Exception {
        List<String> lines = new ArrayList<>();
        for (CSVRecord rec : read(csv)) {
            StringBuilder sb = new StringBuilder();
            rec.toMap().forEach((k, v) -> { if (!k.endsWith("_seconds")) sb.append(k).append('=').append(v).append(','); });
            lines.add(sb.toString());
        }
        return lines;
    }
}
