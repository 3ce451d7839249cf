package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Architecture family: dense layers only, or convolutions in front of the dense layers. */
public enum Family {
    MLP, CNN;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Family parse(String text) { return Names.parse(Family.class, text); }
}
