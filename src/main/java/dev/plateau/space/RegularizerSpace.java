package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Regularizer genes: one gene per regularizer, each choosing its strength from a list (0 = off), and
 * one gene each for the sharpness-aware method and its radius. A space without a
 * {@code regularizers:} block trains every candidate unregularized and its genome has no such genes.
 */
public record RegularizerSpace(
        @JsonProperty("l1") List<Double> l1,
        @JsonProperty("l2") List<Double> l2,
        @JsonProperty("weight_decay") List<Double> weightDecay,
        @JsonProperty("dropout") List<Double> dropout,
        @JsonProperty("batch_norm") List<Boolean> batchNorm,
        @JsonProperty("weight_noise") List<Double> weightNoise,
        @JsonProperty("orthogonality") List<Double> orthogonality,
        @JsonProperty("jacobian") List<Double> jacobian,
        @JsonProperty("sharpness") List<Sharpness> sharpness,
        @JsonProperty("rho") List<Double> rho) {

    /** Number of genes a searched regularizer space adds to the genome. */
    public static final int GENES = 10;

    public RegularizerSpace {
        if (l1 == null) l1 = List.of(0.0);
        if (l2 == null) l2 = List.of(0.0);
        if (weightDecay == null) weightDecay = List.of(0.0);
        if (dropout == null) dropout = List.of(0.0);
        if (batchNorm == null) batchNorm = List.of(false);
        if (weightNoise == null) weightNoise = List.of(0.0);
        if (orthogonality == null) orthogonality = List.of(0.0);
        if (jacobian == null) jacobian = List.of(0.0);
        if (sharpness == null) sharpness = List.of(Sharpness.NONE);
        if (rho == null) rho = List.of(0.05);
    }

    public static RegularizerSpace none() { return new RegularizerSpace(null, null, null, null, null, null, null, null, null, null); }

    /** Whether the genome needs regularizer genes (more than one choice somewhere). */
    public boolean searched() {
        return List.of(l1, l2, weightDecay, dropout, batchNorm, weightNoise, orthogonality, jacobian, sharpness, rho).stream()
                .anyMatch(l -> l.size() > 1);
    }

    /** The regularization the genes pick, in the order of {@link #GENES}; {@code pick} maps (choice count, gene) to an index. */
    public Regularization decode(int[] genes, int from, java.util.function.BiFunction<Integer, Integer, Integer> pick) {
        Sharpness method = sharpness.get(pick.apply(sharpness.size(), genes[from + 8]));
        return new Regularization(l1.get(pick.apply(l1.size(), genes[from])), l2.get(pick.apply(l2.size(), genes[from + 1])),
                weightDecay.get(pick.apply(weightDecay.size(), genes[from + 2])), dropout.get(pick.apply(dropout.size(), genes[from + 3])),
                batchNorm.get(pick.apply(batchNorm.size(), genes[from + 4])), weightNoise.get(pick.apply(weightNoise.size(), genes[from + 5])),
                orthogonality.get(pick.apply(orthogonality.size(), genes[from + 6])), jacobian.get(pick.apply(jacobian.size(), genes[from + 7])),
                method, method == Sharpness.NONE ? 0 : rho.get(pick.apply(rho.size(), genes[from + 9])));
    }

    /** Every distinct regularization of the space, for the grid baseline. */
    public List<Regularization> all() {
        java.util.LinkedHashSet<Regularization> out = new java.util.LinkedHashSet<>();
        for (double a : l1) for (double b : l2) for (double c : weightDecay) for (double d : dropout) for (boolean e : batchNorm)
            for (double f : weightNoise) for (double g : orthogonality) for (double h : jacobian) for (Sharpness s : sharpness)
                for (double r : s == Sharpness.NONE ? List.of(0.0) : rho)
                    out.add(new Regularization(a, b, c, d, e, f, g, h, s, r));
        return List.copyOf(out);
    }

    void validate(String at) {
        SpaceViolation.requireChoices(l1, at + "/l1", 0, 1, "use e.g. [0, 1e-5, 1e-4]");
        SpaceViolation.requireChoices(l2, at + "/l2", 0, 1, "use e.g. [0, 1e-4, 1e-3]");
        SpaceViolation.requireChoices(weightDecay, at + "/weight_decay", 0, 1, "use e.g. [0, 1e-3, 1e-2]");
        SpaceViolation.requireChoices(dropout, at + "/dropout", 0, 0.9, "use e.g. [0, 0.1, 0.2]");
        SpaceViolation.require(!batchNorm.isEmpty() && batchNorm.stream().noneMatch(java.util.Objects::isNull), at + "/batch_norm",
                "needs at least one of true, false", "use e.g. [false, true]");
        SpaceViolation.requireChoices(weightNoise, at + "/weight_noise", 0, 1, "use e.g. [0, 0.02, 0.05]");
        SpaceViolation.requireChoices(orthogonality, at + "/orthogonality", 0, 10, "use e.g. [0, 1e-3]");
        SpaceViolation.requireChoices(jacobian, at + "/jacobian", 0, 10, "use e.g. [0, 1e-3, 1e-2]");
        SpaceViolation.require(!sharpness.isEmpty() && sharpness.stream().noneMatch(java.util.Objects::isNull), at + "/sharpness",
                "needs at least one method", "use e.g. [none, sam, asam, samson]");
        SpaceViolation.requireChoices(rho, at + "/rho", 1e-6, 10, "use e.g. [0.05, 0.5]");
    }
}
