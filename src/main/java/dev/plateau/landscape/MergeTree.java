package dev.plateau.landscape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * 0-dimensional sub-level-set persistence of a function on a graph (the merge tree of LossLens /
 * Landscaper; method-details.md §2.6): vertices swept in increasing value (ties by index), components
 * merged by union–find, the younger basin dying at each join saddle (elder rule).
 */
public final class MergeTree {
    /** A finite persistence pair: a basin born at a minimum's value and dying at a saddle's. */
    public record Pair(double birth, double death) {
        public double persistence() { return death - birth; }
    }

    /**
     * @param minima         local minima (basins)
     * @param saddleVertices vertices where two or more basins join
     * @param pairs          finite pairs (minima − 1 of them); the global minimum's class is essential
     * @param smad           mean over minima of (value at the first saddle it reaches − its value); 0 for one minimum
     */
    public record Summary(int minima, int saddleVertices, List<Pair> pairs, double smad, double smadNormalised,
                          double meanPersistence, double maxPersistence) {}

    private MergeTree() {}

    public static Summary of(double[] f, IntFunction<int[]> neighbours) {
        int n = f.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> f[i]).thenComparingInt(i -> i));
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) rank[order[r]] = r;
        int[] parent = new int[n], birth = new int[n];
        Arrays.fill(parent, -1);
        double[] gap = new double[n];
        Arrays.fill(gap, Double.NaN);
        boolean[] merged = new boolean[n];
        List<Pair> pairs = new ArrayList<>();
        int minima = 0, saddles = 0;
        for (int v : order) {
            parent[v] = v;
            birth[v] = v;
            List<Integer> roots = new ArrayList<>();
            for (int u : neighbours.apply(v)) {
                if (parent[u] == -1) continue;
                int r = find(parent, u);
                if (!roots.contains(r)) roots.add(r);
            }
            if (roots.isEmpty()) {
                minima++;
                continue;
            }
            if (roots.size() == 1) {
                parent[v] = roots.get(0);
                continue;
            }
            saddles++;
            roots.sort(Comparator.comparingInt(r -> rank[birth[r]]));  // oldest basin first
            for (int r : roots) {
                int m = birth[r];
                if (!merged[m]) {
                    merged[m] = true;
                    gap[m] = f[v] - f[m];
                }
            }
            int keep = roots.get(0);
            for (int r : roots.subList(1, roots.size())) {
                pairs.add(new Pair(f[birth[r]], f[v]));
                parent[r] = keep;
            }
            parent[v] = keep;
        }
        double smadSum = 0;
        int counted = 0;
        for (int i = 0; i < n; i++)
            if (!Double.isNaN(gap[i])) {
                smadSum += gap[i];
                counted++;
            }
        double smad = minima <= 1 ? 0 : smadSum / minima;
        double range = f[order[n - 1]] - f[order[0]];
        double mean = pairs.stream().mapToDouble(Pair::persistence).average().orElse(0);
        double max = pairs.stream().mapToDouble(Pair::persistence).max().orElse(0);
        return new Summary(minima, saddles, List.copyOf(pairs), smad, range > 0 ? smad / range : 0, mean, max);
    }

    /** A row-major grid with 4-neighbour connectivity (the connectivity changes every count; it is recorded). */
    public static Summary ofGrid(double[][] grid) {
        int rows = grid.length, cols = grid[0].length;
        double[] f = new double[rows * cols];
        for (int i = 0; i < rows; i++) System.arraycopy(grid[i], 0, f, i * cols, cols);
        return of(f, v -> {
            int r = v / cols, c = v % cols;
            List<Integer> nb = new ArrayList<>(4);
            if (r > 0) nb.add(v - cols);
            if (r + 1 < rows) nb.add(v + cols);
            if (c > 0) nb.add(v - 1);
            if (c + 1 < cols) nb.add(v + 1);
            return nb.stream().mapToInt(Integer::intValue).toArray();
        });
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
