package dev.plateau.select;

import java.util.ArrayList;
import java.util.List;

/** Pareto dominance for minimised objective vectors. */
public final class Dominance {
    private Dominance() {}

    /** True when {@code a} is no worse than {@code b} in every objective and better in at least one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) return false;
            if (a[i] < b[i]) better = true;
        }
        return better;
    }

    /** Indices of the vectors no other vector dominates, in input order. Equal vectors all stay. */
    public static List<Integer> nonDominated(List<double[]> points) {
        List<Integer> front = new ArrayList<>();
        outer:
        for (int i = 0; i < points.size(); i++) {
            for (int j = 0; j < points.size(); j++)
                if (j != i && dominates(points.get(j), points.get(i))) continue outer;
            front.add(i);
        }
        return front;
    }
}
