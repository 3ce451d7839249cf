package dev.plateau.landscape;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plateau.space.ProxyVocabulary;
import dev.plateau.space.SpaceViolation;

/** Draws and evaluation rows of the forward-only probes of inputs and faults ({@code proxy.probe}). */
public record ProbeSettings(@JsonProperty("draws") Integer draws, @JsonProperty("samples") Integer samples) implements ProxyVocabulary.Settings {
    public ProbeSettings {
        if (draws == null) draws = 16;
        if (samples == null) samples = 256;
    }

    @Override
    public void validate(String at) {
        SpaceViolation.require(draws >= 1 && samples >= 1, at, "needs draws >= 1 and samples >= 1", "use e.g. {draws: 16, samples: 256}");
    }
}
