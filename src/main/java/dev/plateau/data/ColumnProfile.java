package dev.plateau.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One column of a study's data as the data check sees it, over all rows that were kept.
 *
 * @param type         {@code constant} (one value), {@code binary} (two), {@code integer} (more, all
 *                     whole numbers), {@code numeric} (the rest), {@code class} (a classification target)
 * @param min          smallest value, {@code null} for a class column or a column without values
 * @param distinct     how many different values (classes) it takes
 * @param missingShare share of the rows read whose cell was missing (before any row was dropped)
 * @param imputedWith  the training median that fills its missing values, when one does
 */
@JsonPropertyOrder({"name", "role", "type", "min", "max", "distinct", "missing_share", "imputed_with"})
public record ColumnProfile(
        @JsonProperty("name") String name,
        @JsonProperty("role") Role role,
        @JsonProperty("type") Type type,
        @JsonProperty("min") Double min,
        @JsonProperty("max") Double max,
        @JsonProperty("distinct") int distinct,
        @JsonProperty("missing_share") double missingShare,
        @JsonProperty("imputed_with") Double imputedWith) {

    /**
     * This profile of a float column (a feature) with its numbers as the shortest decimals that read back
     * to the same floats — the imputed median too, as the float that fills the gaps.
     */
    ColumnProfile asFloats() {
        return new ColumnProfile(name, role, type, min == null ? null : DataCheck.asRead(min.floatValue()),
                max == null ? null : DataCheck.asRead(max.floatValue()), distinct, missingShare,
                imputedWith == null ? null : DataCheck.asRead(imputedWith.floatValue()));
    }

    public enum Role {
        FEATURE, TARGET;

        @JsonValue
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    public enum Type {
        NUMERIC, CONSTANT, BINARY, INTEGER, CLASS;

        @JsonValue
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }
}
