package dev.plateau.exec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an instance ended; the reason, when it did not end well, is the result's {@code failure}. */
public enum Outcome {
    /** Trained, judged and measured. */
    OK,
    /** Training or measuring failed (diverged, timeout, error, native crash). */
    FAILED,
    /** Over a hardware limit: never trained. */
    REJECTED,
    /** Its training was stopped early because it could no longer reach the archive. */
    PRUNED;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Outcome parse(String label) { return valueOf(label.toUpperCase(Locale.ROOT)); }
}
