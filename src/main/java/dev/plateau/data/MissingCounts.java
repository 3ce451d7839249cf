package dev.plateau.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.plateau.space.MissingPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The missing values of a table as it was read: how many rows were read and how many were dropped for
 * a missing value, and per column (only those with a missing value, in column order) how many of the
 * rows read had that cell missing — counted before any row was dropped, so a dropped row still says
 * which column cost it.
 *
 * @param policy    what reading did with them; {@code null} for a source without a missing-value rule
 *                  (simulated showers), whose NaNs are counted as they were loaded
 * @param sentinels the numbers that stood for "no value" besides empty cells and NaN
 */
@JsonPropertyOrder({"policy", "sentinels", "rows_read", "rows_dropped", "by_column"})
public record MissingCounts(
        @JsonProperty("policy") MissingPolicy policy,
        @JsonProperty("sentinels") List<Double> sentinels,
        @JsonProperty("rows_read") int rowsRead,
        @JsonProperty("rows_dropped") int rowsDropped,
        @JsonProperty("by_column") Map<String, Integer> byColumn) {

    public MissingCounts {
        sentinels = List.copyOf(sentinels);
        byColumn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byColumn));
    }

    /** The NaNs of a loaded table, column by column (a source that leaves gaps as NaN; none for simulated showers). */
    public static MissingCounts inDataset(Dataset d) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int j = 0; j < d.featureCount(); j++) {
            int n = 0;
            for (int r = 0; r < d.rows(); r++) if (Float.isNaN(d.feature(r, j))) n++;
            if (n > 0) counts.put(d.featureNames().get(j), n);
        }
        for (int j = 0; j < d.targetCount(); j++) {
            int n = 0;
            for (int r = 0; r < d.rows(); r++) if (Double.isNaN(d.target(r, j))) n++;
            if (n > 0) counts.put(d.targetNames().get(j), n);
        }
        return new MissingCounts(null, List.of(), d.rows(), 0, counts);
    }

    /** How many rows read had {@code column} missing. */
    public int count(String column) { return byColumn.getOrDefault(column, 0); }

    /** The share of the rows read that had {@code column} missing. */
    public double share(String column) { return rowsRead == 0 ? 0 : count(column) / (double) rowsRead; }

    public boolean none() { return byColumn.isEmpty(); }
}
