package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What counts as a missing value in a CSV file, and what reading does with one. Empty cells and NaN
 * are always missing; {@code sentinels} are numbers that stand for "no value" in the file (e.g. -999).
 *
 * <p>YAML: the bare policy ({@code missing: drop_row}, the original form) or
 * {@code missing: {sentinels: [-999], policy: impute_median}}. It is written back in the bare form
 * when there are no sentinels, so study files of earlier versions read and write unchanged.
 */
public record MissingValues(
        @JsonProperty("sentinels") List<Double> sentinels,
        @JsonProperty("policy") MissingPolicy policy) {

    /** The default: nothing but empty cells and NaN is missing, and a missing value is an error. */
    public static final MissingValues STRICT = new MissingValues(null, null);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public MissingValues {
        // a null element ("sentinels: [~]") is kept for validate() to name, so List.copyOf would not do
        sentinels = sentinels == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sentinels));
        if (policy == null) policy = MissingPolicy.ERROR;
    }

    /** The original form: a bare policy name, no sentinels. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MissingValues of(String policy) { return new MissingValues(null, MissingPolicy.parse(policy)); }

    public static MissingValues of(MissingPolicy policy) { return new MissingValues(null, policy); }

    /** Whether a parsed cell value stands for a missing value: NaN or one of the sentinels. */
    public boolean isMissing(double value) {
        if (Double.isNaN(value)) return true;
        for (double s : sentinels) if (s == value) return true;
        return false;
    }

    @JsonValue
    Object yaml() {
        if (sentinels.isEmpty()) return policy.label();
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("sentinels", sentinels);
        full.put("policy", policy.label());
        return full;
    }

    void validate(String at) {
        for (int i = 0; i < sentinels.size(); i++)
            SpaceViolation.require(sentinels.get(i) != null && Double.isFinite(sentinels.get(i)), at + "/sentinels/" + i,
                    "must be a finite number, got " + sentinels.get(i), "e.g. sentinels: [-999] (empty cells and NaN are always missing)");
    }
}
