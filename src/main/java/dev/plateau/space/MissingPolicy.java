package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What reading a CSV does with an empty cell: stop with an error naming it, or drop its row. */
public enum MissingPolicy {
    ERROR, DROP_ROW;

    @JsonCreator
    public static MissingPolicy parse(String text) { return Names.parse(MissingPolicy.class, text); }

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
