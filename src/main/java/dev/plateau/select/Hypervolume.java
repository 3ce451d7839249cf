package dev.plateau.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume of a set of minimised objective vectors: the volume of the union of the boxes
 * [p, reference] over the points p that are better than the reference in every objective. Exact: a
 * sweep for 2 objectives, slicing along the last objective for 3, and WFG (While, Bradstreet,
 * Barone 2012: sum of exclusive hypervolumes over limit sets) beyond.
 *
 * <pre>{@code
 * double hv = Hypervolume.of(List.of(new double[] {1, 2}, new double[] {2, 1}), new double[] {3, 3});  // 3.0
 * }</pre>
 */
public final class Hypervolume {
    private Hypervolume() {}

    public static double of(List<double[]> points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != reference.length)
                throw new IllegalArgumentException("point has " + p.length + " objectives, reference " + reference.length);
            boolean better = true;
            for (int i = 0; i < p.length; i++) better &= p[i] < reference[i];
            if (better) inside.add(p);
        }
        if (inside.isEmpty()) return 0;
        List<double[]> front = new ArrayList<>();
        for (int i : Dominance.nonDominated(inside)) front.add(inside.get(i));
        return volume(dedupe(front), reference);
    }

    private static double volume(List<double[]> front, double[] ref) {
        return switch (ref.length) {
            case 1 -> ref[0] - front.stream().mapToDouble(p -> p[0]).min().orElse(ref[0]);
            case 2 -> area(front, ref);
            case 3 -> slices(front, ref);
            default -> wfg(front, ref);
        };
    }

    /** 2-D: sort by the first objective; each point adds the strip up to the previous point's second. */
    static double area(List<double[]> front, double[] ref) {
        List<double[]> sorted = new ArrayList<>(front);
        sorted.sort(Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0, ceiling = ref[1];
        for (double[] p : sorted) {
            if (p[1] >= ceiling) continue;
            area += (ref[0] - p[0]) * (ceiling - p[1]);
            ceiling = p[1];
        }
        return area;
    }

    /** 3-D: between consecutive values of the last objective the cross-section is a 2-D hypervolume. */
    static double slices(List<double[]> front, double[] ref) {
        List<double[]> sorted = new ArrayList<>(front);
        sorted.sort(Comparator.comparingDouble(p -> p[2]));
        double volume = 0;
        List<double[]> active = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            active.add(sorted.get(i));
            double next = i + 1 < sorted.size() ? sorted.get(i + 1)[2] : ref[2];
            double depth = next - sorted.get(i)[2];
            if (depth > 0) volume += depth * area(active, ref);
        }
        return volume;
    }

    /** WFG: the hypervolume is the sum of each point's exclusive contribution against the points after it. */
    static double wfg(List<double[]> front, double[] ref) {
        List<double[]> sorted = new ArrayList<>(front);
        // Sorting by the last objective makes the limit sets small (the WFG paper's advice).
        sorted.sort(Comparator.comparingDouble((double[] p) -> p[p.length - 1]).reversed());
        double total = 0;
        for (int i = 0; i < sorted.size(); i++) total += exclusive(sorted.get(i), sorted.subList(i + 1, sorted.size()), ref);
        return total;
    }

    private static double exclusive(double[] p, List<double[]> rest, double[] ref) {
        double box = 1;
        for (int j = 0; j < p.length; j++) box *= ref[j] - p[j];
        List<double[]> limited = new ArrayList<>(rest.size());
        for (double[] q : rest) {
            double[] l = new double[p.length];
            for (int j = 0; j < p.length; j++) l[j] = Math.max(p[j], q[j]);
            limited.add(l);
        }
        if (limited.isEmpty()) return box;
        List<double[]> nd = new ArrayList<>();
        for (int i : Dominance.nonDominated(limited)) nd.add(limited.get(i));
        return box - wfg(dedupe(nd), ref);
    }

    private static List<double[]> dedupe(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        outer:
        for (double[] p : points) {
            for (double[] q : out) if (Arrays.equals(p, q)) continue outer;
            out.add(p);
        }
        return out;
    }
}
