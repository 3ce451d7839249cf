package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What reading a CSV does with a missing feature value (an empty cell, NaN or a declared sentinel):
 * stop with an error naming it, drop its row, replace it by the column's median over the training
 * rows, or replace it and add a 0/1 column {@code <column>_missing} saying where it was missing. A
 * missing target is never guessed: it drops the row, or stops under {@code error}.
 */
public enum MissingPolicy {
    ERROR, DROP_ROW, IMPUTE_MEDIAN, IMPUTE_AND_FLAG;

    @JsonCreator
    public static MissingPolicy parse(String text) { return Names.parse(MissingPolicy.class, text); }

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** Whether missing feature values stay in the table (as NaN) to be filled from the training rows. */
    public boolean imputes() { return this == IMPUTE_MEDIAN || this == IMPUTE_AND_FLAG; }
}
