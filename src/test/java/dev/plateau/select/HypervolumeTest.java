package dev.plateau.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HypervolumeTest {
    /** Volume of the union of boxes [p, ref] by inclusion–exclusion over all subsets: exact, exponential. */
    static double inclusionExclusion(List<double[]> pts, double[] ref) {
        int n = pts.size(), d = ref.length;
        double total = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            double[] corner = new double[d];
            java.util.Arrays.fill(corner, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++)
                if ((mask & (1 << i)) != 0) for (int j = 0; j < d; j++) corner[j] = Math.max(corner[j], pts.get(i)[j]);
            double box = 1;
            for (int j = 0; j < d; j++) box *= Math.max(0, ref[j] - corner[j]);
            total += (Integer.bitCount(mask) % 2 == 1 ? 1 : -1) * box;
        }
        return total;
    }

    static List<double[]> random(SplittableRandom rng, int n, int d, boolean front) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[d];
            if (front) {  // points on a simplex-like front: mutually non-dominated
                double s = 0;
                for (int j = 0; j < d; j++) s += p[j] = rng.nextDouble();
                for (int j = 0; j < d; j++) p[j] /= s;
            } else for (int j = 0; j < d; j++) p[j] = rng.nextDouble();
            pts.add(p);
        }
        return pts;
    }

    @Test
    void handComputedCases() {
        assertEquals(3.0, Hypervolume.of(List.of(new double[] {1, 2}, new double[] {2, 1}), new double[] {3, 3}), 1e-12);
        assertEquals(0.0, Hypervolume.of(List.of(new double[] {3, 1}), new double[] {3, 3}), "on the reference: nothing");
        assertEquals(8.0, Hypervolume.of(List.of(new double[] {0, 0, 0}, new double[] {1, 1, 1}), new double[] {2, 2, 2}), 1e-12);
        assertEquals(8.0 + 2.0 - 1.0, Hypervolume.of(List.of(new double[] {0, 0, 0, 1}, new double[] {1, 1, 1, 0}),
                new double[] {2, 2, 2, 2}), 1e-12);
    }

    @Test
    void exactForTwoThreeAndFiveObjectivesAgainstInclusionExclusion() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int d : new int[] {2, 3, 4, 5})
            for (int trial = 0; trial < 20; trial++) {
                List<double[]> pts = random(rng, 1 + rng.nextInt(11), d, trial % 2 == 0);
                double[] ref = new double[d];
                java.util.Arrays.fill(ref, 1.1);
                assertEquals(inclusionExclusion(pts, ref), Hypervolume.of(pts, ref), 1e-10, "d=" + d + " trial " + trial);
            }
    }

    @Test
    void agreesWithMonteCarloOnLargerFronts() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int d : new int[] {2, 3, 4}) {
            List<double[]> pts = random(rng, 60, d, true);
            double[] ref = new double[d];
            java.util.Arrays.fill(ref, 1.0);
            int samples = 400_000, hits = 0;
            for (int s = 0; s < samples; s++) {
                double[] x = new double[d];
                for (int j = 0; j < d; j++) x[j] = rng.nextDouble();
                for (double[] p : pts) {
                    boolean dominated = true;
                    for (int j = 0; j < d; j++) dominated &= p[j] <= x[j];
                    if (dominated) {
                        hits++;
                        break;
                    }
                }
            }
            double mc = hits / (double) samples, se = Math.sqrt(mc * (1 - mc) / samples);
            assertEquals(mc, Hypervolume.of(pts, ref), 4 * se, "d=" + d);
        }
    }
}
