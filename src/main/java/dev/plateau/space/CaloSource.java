package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Calorimeter showers generated in memory (design §6). {@code seed} defaults to the study seed.
 *
 * @param target one of energy, x, y
 */
public record CaloSource(
        @JsonProperty("variant") CaloVariant variant,
        @JsonProperty("events") Integer events,
        @JsonProperty("target") CaloTarget target,
        @JsonProperty("seed") Long seed) implements DataSource {

    public CaloSource {
        if (variant == null) variant = CaloVariant.A;
        if (events == null) events = 4000;
        if (target == null) target = CaloTarget.ENERGY;
    }

    /** Showers are regressed on: energy or impact point. */
    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Task task() { return Task.REGRESSION; }

    CaloSource withDefaultSeed(long studySeed) { return seed != null ? this : new CaloSource(variant, events, target, studySeed); }

    void validate(String at) {
        SpaceViolation.require(events >= 50 && events <= 2_000_000, at + "/events",
                "must be between 50 and 2000000, got " + events, "use e.g. 4000");
        SpaceViolation.require(seed == null || seed > 0, at + "/seed", "must be positive, got " + seed, "use e.g. 7");
    }
}
