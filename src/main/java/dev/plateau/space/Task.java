package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the network predicts: real-valued targets, or one class label out of several. */
public enum Task {
    REGRESSION, CLASSIFICATION;

    @JsonCreator
    public static Task parse(String name) { return Names.parse(Task.class, name); }

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
