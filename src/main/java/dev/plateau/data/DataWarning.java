package dev.plateau.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A property of a study's data that silently spoils a study: what it is, the column it is about
 * ({@code null} when it is about rows or the split) and how to fix it.
 */
@JsonPropertyOrder({"kind", "column", "problem", "fix"})
public record DataWarning(
        @JsonProperty("kind") Kind kind,
        @JsonProperty("column") String column,
        @JsonProperty("problem") String problem,
        @JsonProperty("fix") String fix) {

    /** The checks, in the order their warnings are listed. */
    public enum Kind {
        /** Unique integers or strictly monotonic over the rows: a row number, an event id, a timestamp. */
        IDENTIFIER,
        /** One value in every row. */
        CONSTANT,
        /** One value in at least 99.9 % of the rows. */
        NEAR_CONSTANT,
        /** The same values as an earlier column in every row. */
        DUPLICATE_COLUMN,
        /** One feature alone predicts the target almost perfectly on the training rows. */
        LEAK,
        /** A class with under 1 % of the rows. */
        RARE_CLASS,
        /** Validation or test rows that repeat a training row exactly. */
        SPLIT_DUPLICATES,
        /** A part of the split too small to measure on, or missing a class. */
        TOO_FEW_ROWS;

        @JsonValue
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /** The one line the console shows. */
    public String line() { return problem + " — " + fix; }
}
