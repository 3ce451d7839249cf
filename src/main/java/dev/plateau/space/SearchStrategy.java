package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a study proposes configurations: NSGA-II, or the random and exhaustive-grid baselines (full instance budgets). */
public enum SearchStrategy {
    EVOLUTION, RANDOM, GRID;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static SearchStrategy parse(String text) { return Names.parse(SearchStrategy.class, text); }
}
