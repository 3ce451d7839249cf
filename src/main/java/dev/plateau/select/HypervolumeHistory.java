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
        if (spec.ideal() != null) {
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

    private void fix(List<ConfigurationRecord> configurations) {
        List<double[]> points = new ArrayList<>();
        for (ConfigurationRecord c : configurations) c.objectives(objectives).ifPresent(points::add);
        if (points.isEmpty()) return;
        int d = objectives.size();
        ideal = new double[d];
        reference = new double[d];
        for (int i = 0; i < d; i++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                lo = Math.min(lo, p[i]);
                hi = Math.max(hi, p[i]);
            }
            double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1e-12);
            ideal[i] = lo;
            reference[i] = hi + REFERENCE_MARGIN * span;
        }
    }

    public List<Row> rows() { return List.copyOf(rows); }

    /** Ideal and reference in the objectives' own units and directions, once fixed. */
    public Optional<double[][]> normalisation() {
        return ideal == null ? Optional.empty() : Optional.of(new double[][] {objectives.natural(ideal), objectives.natural(reference)});
    }
}
