package dev.plateau.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plateau.space.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the data check found: the table's size and split, its missing values, every column's profile
 * and the warnings. {@link #toJson()} is {@value #FILE} (structure in the README); {@link #summary()}
 * is what a search prints when it starts, {@link #columnTable()} what {@code plateau data check} adds.
 *
 * @param split   the parts' row counts, {@code null} when the table is too small for the split
 * @param classes rows per class over all rows (classification), else {@code null}
 * @param image   the image cells summarised (calorimeter data), else {@code null}
 */
@JsonPropertyOrder({"format", "dataset", "task", "rows", "split", "missing", "classes", "image", "columns", "warnings"})
public record DataCheckReport(
        @JsonProperty("dataset") String dataset,
        @JsonProperty("task") Task task,
        @JsonProperty("rows") int rows,
        @JsonProperty("split") Parts split,
        @JsonProperty("missing") MissingCounts missing,
        @JsonProperty("classes") Map<String, Integer> classes,
        @JsonProperty("image") ImageCells image,
        @JsonProperty("columns") List<ColumnProfile> columns,
        @JsonProperty("warnings") List<DataWarning> warnings) {

    /** The file a search writes into its study folder. */
    public static final String FILE = "data-check.json";
    /** Version of the JSON structure; it changes only when a field changes meaning or goes away. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public DataCheckReport {
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
        classes = classes == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classes));
    }

    /** Rows per part of the split. */
    @JsonPropertyOrder({"train", "validation", "test"})
    public record Parts(@JsonProperty("train") int train, @JsonProperty("validation") int validation, @JsonProperty("test") int test) {}

    /**
     * The cells of an image, checked as one group: edge cells that stay (near) zero are expected, so
     * they are counted here instead of warned about one by one.
     */
    @JsonPropertyOrder({"cells", "near_constant_cells", "min", "max"})
    public record ImageCells(@JsonProperty("cells") int cells, @JsonProperty("near_constant_cells") int nearConstant,
                             @JsonProperty("min") double min, @JsonProperty("max") double max) {}

    @JsonProperty("format")
    public int format() { return FORMAT; }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a data check report always serialises", e);
        }
    }

    /** The lines a search prints when it starts: size, missing values, and each warning. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        long features = columns.stream().filter(c -> c.role() == ColumnProfile.Role.FEATURE).count();
        lines.add(String.format(Locale.ROOT, "data check: %d rows%s, %d features: %s", rows,
                split == null ? "" : String.format(Locale.ROOT, " (%d training, %d validation, %d test)", split.train(), split.validation(), split.test()),
                features, warnings.isEmpty() ? "no warnings" : warnings.size() == 1 ? "1 warning" : warnings.size() + " warnings"));
        if (image != null)
            lines.add(String.format(Locale.ROOT, "  image: %d cells from %s to %s, %d near-constant (image cells are not warned about one by one)",
                    image.cells(), compact(image.min()), compact(image.max()), image.nearConstant()));
        if (!missing.none()) lines.add("  " + missingLine());
        for (DataWarning w : warnings) lines.add("  warning: " + w.line());
        return lines;
    }

    /** One line per column (image cells: one line for all of them). */
    public List<String> columnTable() {
        List<String> lines = new ArrayList<>();
        int width = Math.max(6, columns.stream().mapToInt(c -> c.name().length()).max().orElse(6));
        String row = "%-" + width + "s  %-7s  %-8s  %11s  %11s  %8s  %7s";
        lines.add(String.format(Locale.ROOT, row, "column", "role", "type", "min", "max", "distinct", "missing"));
        boolean cellsShown = false;
        for (ColumnProfile c : columns) {
            boolean cell = image != null && c.role() == ColumnProfile.Role.FEATURE;
            if (cell && cellsShown) continue;
            if (cell) {
                cellsShown = true;
                lines.add(String.format(Locale.ROOT, "%-" + width + "s  %s", "(image)", image.cells() + " cells: see data-check.json for each"));
                continue;
            }
            lines.add(String.format(Locale.ROOT, row, c.name(), c.role().label(), c.type().label(), compact(c.min()), compact(c.max()),
                    c.distinct(), String.format(Locale.ROOT, "%.1f %%", 100 * c.missingShare())));
        }
        return lines;
    }

    private String missingLine() {
        StringBuilder sb = new StringBuilder("missing values");
        if (missing.policy() != null) {
            sb.append(" (").append(missing.policy().label()).append("; empty, NaN");
            for (double s : missing.sentinels()) sb.append(", ").append(plain(s));
            sb.append(')');
        }
        sb.append(':');
        for (Map.Entry<String, Integer> e : missing.byColumn().entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %d (%.1f %%", e.getKey(), e.getValue(), 100 * missing.share(e.getKey())));
            columns.stream().filter(c -> c.name().equals(e.getKey()) && c.imputedWith() != null).findFirst()
                    .ifPresent(c -> sb.append(", filled with the training median ").append(compact(c.imputedWith())));
            sb.append("),");
        }
        sb.setLength(sb.length() - 1);
        if (missing.rowsDropped() > 0) sb.append(String.format(Locale.ROOT, "; %d of %d rows dropped", missing.rowsDropped(), missing.rowsRead()));
        return sb.toString();
    }

    /** Six significant digits without trailing zeros: 4.2835, 0.0003, 334.177, 1.5E-7. */
    static String compact(Double v) {
        if (v == null) return "-";
        if (v == 0 || !Double.isFinite(v)) return plain(v);
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e9 ? d.toPlainString() : d.toString();
    }

    /** A number as written in a file: -999, not -999.0. */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
