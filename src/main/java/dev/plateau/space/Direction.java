package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether an objective is to be minimised or maximised. */
public enum Direction {
    MIN, MAX;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Direction parse(String text) { return Names.parse(Direction.class, text); }

    /** The value turned into one to minimise. */
    public double toMinimised(double value) { return this == MIN ? value : -value; }
}
