package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Hidden-layer activations the search may choose (the calorimeter study's preselection list). */
public enum Activation {
    RELU, LEAKY_RELU, ELU, GELU, SELU, TANH, SIGMOID;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Activation parse(String text) { return Names.parse(Activation.class, text); }
}
