package dev.plateau.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    @Test
    void handComputedValues() {
        double[] x = {1, 2, 3, 4, 5}, y = {5, 6, 7, 8, 7};
        assertEquals(0.8207826816681233, RankCorrelation.spearman(x, y), 1e-12);  // scipy.stats.spearmanr
        assertEquals(0.7378647873726218, RankCorrelation.kendall(x, y), 1e-12);   // scipy.stats.kendalltau (tau-b)
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[] {1, 3, 3, 9}));
        assertEquals(-1.0, RankCorrelation.spearman(x, new double[] {9, 7, 5, 3, 1}), 1e-12);
    }

    @Test
    void partialCorrelationRemovesASharedCause() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 400;
        double[] z = new double[n], x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rng.nextGaussian();
            x[i] = z[i] + 0.3 * rng.nextGaussian();
            y[i] = z[i] + 0.3 * rng.nextGaussian();
        }
        assertTrue(RankCorrelation.spearman(x, y) > 0.8, "x and y share z");
        assertEquals(0.0, RankCorrelation.partialSpearman(x, y, z), 0.15, "given z nothing is left");
    }

    @Test
    void bootstrapIntervalCoversTheEstimateAndExcludesZeroForAStrongEffect() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[100], y = new double[100], noise = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i] = rng.nextGaussian();
            y[i] = x[i] + 0.5 * rng.nextGaussian();
            noise[i] = rng.nextGaussian();
        }
        RankCorrelation.Interval strong = RankCorrelation.spearmanInterval(x, y, 1000, 7);
        assertTrue(strong.low() < strong.estimate() && strong.estimate() < strong.high());
        assertTrue(strong.excludesZero());
        assertTrue(!RankCorrelation.spearmanInterval(x, noise, 1000, 7).excludesZero(), "independent data");
    }
}
