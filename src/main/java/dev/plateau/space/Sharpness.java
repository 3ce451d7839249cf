package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Sharpness-aware training: none, SAM (Foret et al. 2021), ASAM (Kwon et al. 2021) or SAMSON
 * (Mordido, Henwood et al., arXiv 2211.11561). They differ only in the per-weight operator T of the
 * ascent step ε = ρ·T²⊙g / ‖T⊙g‖₂ (method-details.md §1.3–1.4).
 */
public enum Sharpness {
    NONE, SAM, ASAM, SAMSON;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Sharpness parse(String text) { return Names.parse(Sharpness.class, text); }
}
