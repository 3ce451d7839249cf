package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a weight perturbation is scaled per weight (flatness-proxies.md §0): the same for all weights,
 * proportional to each weight's magnitude, or proportional to its layer's weight range.
 */
public enum NoiseGeometry {
    ISOTROPIC, MULTIPLICATIVE, LAYER_RANGE;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static NoiseGeometry parse(String text) { return Names.parse(NoiseGeometry.class, text); }
}
