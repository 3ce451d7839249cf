package dev.plateau.select;

import java.util.Locale;

/**
 * Where a configuration stands in a study: still racing, complete (its full instance budget), dropped
 * by racing in a generation, or — without racing — evaluated, or failed on every instance.
 */
public record ConfigurationStatus(State state, int droppedIn) {
    public enum State { RACING, COMPLETE, DROPPED, EVALUATED, FAILED }

    private static final String DROPPED_IN = "dropped in generation ";

    public static ConfigurationStatus of(State state) {
        if (state == State.DROPPED) throw new IllegalArgumentException("a dropped configuration names its generation");
        return new ConfigurationStatus(state, 0);
    }

    public static ConfigurationStatus droppedIn(int generation) { return new ConfigurationStatus(State.DROPPED, generation); }

    /** As written in configurations.csv: {@code racing}, {@code complete}, {@code dropped in generation 3}, ... */
    public String label() { return state == State.DROPPED ? DROPPED_IN + droppedIn : state.name().toLowerCase(Locale.ROOT); }

    /** Reads {@link #label()} back. */
    public static ConfigurationStatus parse(String label) {
        if (label.startsWith(DROPPED_IN)) return droppedIn(Integer.parseInt(label.substring(DROPPED_IN.length()).trim()));
        return of(State.valueOf(label.trim().toUpperCase(Locale.ROOT)));
    }

    @Override
    public String toString() { return label(); }
}
