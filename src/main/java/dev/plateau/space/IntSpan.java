package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An inclusive integer range {@code min..max}, written {@code {min: 1, max: 3}} in YAML. */
public record IntSpan(@JsonProperty("min") Integer min, @JsonProperty("max") Integer max) {
    public static IntSpan of(int min, int max) { return new IntSpan(min, max); }

    public int size() { return max - min + 1; }
}
