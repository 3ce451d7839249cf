package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a classifier's training loss weighs the classes: as they come ({@code none}), or
 * {@code balanced} — each class's rows scaled so that every class carries the same total weight in
 * the training loss (N / (K · W_c), W_c its summed event weights on the training rows). Metrics keep
 * the event weights alone; the balanced accuracy is reported beside them.
 */
public enum ClassWeights {
    NONE, BALANCED;

    @JsonCreator
    public static ClassWeights parse(String text) { return Names.parse(ClassWeights.class, text); }

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
