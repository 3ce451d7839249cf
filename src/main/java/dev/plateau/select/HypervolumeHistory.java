package dev.plateau.select;

import dev.plateau.space.HypervolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The archive's hypervolume after every generation, normalised so that each objective's ideal maps to
 * 0 and its reference to 1. The normalisation is fixed once — from the search space, or else from the
 * first generation that has a scored configuration — and never moves, so rows are comparable.
 */
public final class HypervolumeHistory {
    /** One generation: trainings used so far, configurations seen, archive size, normalised hypervolume. */
    public record Row(int generation, int trainings, int configurations, int archive, double hypervolume) {}

    private static final double REFERENCE_MARGIN = 0.1;

    private final Objectives objectives;
    private double[] ideal, reference;  // minimised space
    private final List<Row> rows = new ArrayList<>();

    public HypervolumeHistory(Objectives objectives, HypervolumeSpec spec) {
        this.objectives = objectives;
        if (spec.ideal() != null) use(spec);
    }

    private void use(HypervolumeSpec spec) {
        {
            ideal = new double[objectives.size()];
            reference = new double[objectives.size()];
            for (int i = 0; i < ideal.length; i++) {
                ideal[i] = objectives.specs().get(i).direction().toMinimised(spec.ideal().get(i));
                reference[i] = objectives.specs().get(i).direction().toMinimised(spec.reference().get(i));
                if (!(reference[i] > ideal[i]))
                    throw new IllegalArgumentException("hypervolume reference must be worse than the ideal for " + objectives.labels().get(i));
            }
        }
    }

    Row record(int generation, int trainings, List<ConfigurationRecord> configurations, ParetoArchive archive) {
        if (ideal == null) fix(configurations);
        double hv = ideal == null ? 0 : of(archive.members().stream().map(ParetoArchive.Member::objectives).toList());
        Row row = new Row(generation, trainings, configurations.size(), archive.size(), hv);
        rows.add(row);
        return row;
    }

    /** Normalised hypervolume of minimised objective vectors (0 before the normalisation is fixed). */
    public double of(List<double[]> minimised) {
        if (ideal == null) return 0;
        List<double[]> scaled = new ArrayList<>();
        double[] ones = new double[ideal.length];
        java.util.Arrays.fill(ones, 1.0);
        for (double[] p : minimised) {
            double[] s = new double[p.length];
            for (int i = 0; i < p.length; i++) s[i] = (p[i] - ideal[i]) / (reference[i] - ideal[i]);
            scaled.add(s);
        }
        return Hypervolume.of(scaled, ones);
    }

    private void fix(List<ConfigurationRecord> configurations) { fittedTo(configurations, objectives).ifPresent(this::use); }

    /**
     * The normalisation fitted to scored configurations, in the objectives' own units: the ideal is the
     * best value seen, the reference the worst plus 10 % of the range (of the value itself when all are
     * equal). Empty when no configuration is scored. The one rule the search and the selection
     * benchmark use.
     */
    public static java.util.Optional<HypervolumeSpec> fittedTo(List<ConfigurationRecord> configurations, Objectives objectives) {
        List<double[]> points = new ArrayList<>();
        for (ConfigurationRecord c : configurations) c.objectives(objectives).ifPresent(points::add);
        if (points.isEmpty()) return java.util.Optional.empty();
        int d = objectives.size();
        double[] lowest = new double[d], highest = new double[d];
        for (int i = 0; i < d; i++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                lo = Math.min(lo, p[i]);
                hi = Math.max(hi, p[i]);
            }
            double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1e-12);
            lowest[i] = lo;
            highest[i] = hi + REFERENCE_MARGIN * span;
        }
        return java.util.Optional.of(new HypervolumeSpec(java.util.Arrays.stream(objectives.natural(lowest)).boxed().toList(),
                java.util.Arrays.stream(objectives.natural(highest)).boxed().toList()));
    }

    public List<Row> rows() { return List.copyOf(rows); }

    /** Ideal and reference in the objectives' own units and directions, once fixed. */
    public Optional<double[][]> normalisation() {
        return ideal == null ? Optional.empty() : Optional.of(new double[][] {objectives.natural(ideal), objectives.natural(reference)});
    }
}
