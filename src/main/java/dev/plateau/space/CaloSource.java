package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Calorimeter showers generated in memory (design §6). {@code seed} defaults to the study seed.
 *
 * @param target one of energy, x, y
 */
public record CaloSource(
        @JsonProperty("variant") String variant,
        @JsonProperty("events") Integer events,
        @JsonProperty("target") String target,
        @JsonProperty("seed") Long seed) {

    public CaloSource {
        if (variant == null) variant = "A";
        if (events == null) events = 4000;
        if (target == null) target = "energy";
    }

    CaloSource withDefaultSeed(long studySeed) { return seed != null ? this : new CaloSource(variant, events, target, studySeed); }

    void validate(String at) {
        SpaceViolation.require(variant.equalsIgnoreCase("A") || variant.equalsIgnoreCase("B"), at + "/variant",
                "'" + variant + "' is not a calorimeter variant", "use A or B");
        SpaceViolation.require(events >= 50 && events <= 2_000_000, at + "/events",
                "must be between 50 and 2000000, got " + events, "use e.g. 4000");
        SpaceViolation.require(target.matches("(?i)energy|x|y"), at + "/target",
                "'" + target + "' is not a calorimeter target", "use energy, x or y");
        SpaceViolation.require(seed == null || seed > 0, at + "/seed", "must be positive, got " + seed, "use e.g. 7");
    }
}
