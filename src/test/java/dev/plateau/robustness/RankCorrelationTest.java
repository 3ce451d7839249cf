package dev.plateau.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    // ties in both variables: pairs (i, j) give 22 concordant, 2 discordant, 2 tied in x only, 2 in y only
    static final double[] X = {1, 2, 2, 3, 4, 4, 5, 6}, Y = {2, 1, 3, 3, 5, 4, 4, 6};
    static final double[] Z = {3, 1, 2, 5, 4, 7, 6, 8}, W = {1, 1, 2, 2, 3, 3, 4, 4};

    @Test
    void handComputedValues() {
        double[] x = {1, 2, 3, 4, 5}, y = {5, 6, 7, 8, 7};
        assertEquals(0.8207826816681233, RankCorrelation.spearman(x, y), 1e-12);  // scipy.stats.spearmanr
        assertEquals(0.7378647873726218, RankCorrelation.kendall(x, y), 1e-12);   // scipy.stats.kendalltau (tau-b)
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[] {1, 3, 3, 9}));
        assertEquals(-1.0, RankCorrelation.spearman(x, new double[] {9, 7, 5, 3, 1}), 1e-12);
    }

    @Test
    void tiesInBothVariables() {
        assertEquals(73.0 / 82, RankCorrelation.spearman(X, Y), 1e-12);  // scipy.stats.spearmanr: 0.8902439024390245
        // τ_b = (C − D)/√((C + D + T_x)(C + D + T_y)) = 20/26; τ_a = 20/28 would ignore the ties
        assertEquals(10.0 / 13, RankCorrelation.kendall(X, Y), 1e-12);    // scipy.stats.kendalltau: 0.7692307692307694
        assertNotEquals(20.0 / 28, RankCorrelation.kendall(X, Y), 1e-3);
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 5.5, 5.5, 7, 8}, RankCorrelation.ranks(X));
    }

    @Test
    void partialSpearmanMatchesTheFirstOrderFormulaAndKnownValues() {
        double rxy = RankCorrelation.spearman(X, Y), rxz = RankCorrelation.spearman(X, Z), ryz = RankCorrelation.spearman(Y, Z);
        double textbook = (rxy - rxz * ryz) / Math.sqrt((1 - rxz * rxz) * (1 - ryz * ryz));
        assertEquals(textbook, RankCorrelation.partialSpearman(X, Y, Z), 1e-12);
        assertEquals(0.6739252842111051, RankCorrelation.partialSpearman(X, Y, Z), 1e-12);      // numpy lstsq on scipy ranks
        assertEquals(0.048731837872769745, RankCorrelation.partialSpearman(X, Y, Z, W), 1e-12);  // likewise
        assertEquals(rxy, RankCorrelation.partialSpearman(X, Y), 1e-12, "no control: plain Spearman");
    }

    @Test
    void aControlTheOthersDetermineIsDropped() {
        double p = RankCorrelation.partialSpearman(X, Y, Z);
        double[] constant = new double[X.length], reversed = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            constant[i] = 7;
            reversed[i] = -Z[i];  // ranks n + 1 − rank(z): the intercept and z give them exactly
        }
        assertEquals(p, RankCorrelation.partialSpearman(X, Y, Z, constant), 1e-12);
        assertEquals(p, RankCorrelation.partialSpearman(X, Y, Z, reversed), 1e-12);
        assertEquals(p, RankCorrelation.partialSpearman(X, Y, constant, Z), 1e-12);
    }

    @Test
    void undefinedStatisticsAreNaN() {
        double[] constant = {4, 4, 4, 4}, rising = {1, 2, 3, 4};
        assertTrue(Double.isNaN(RankCorrelation.spearman(constant, rising)));
        assertTrue(Double.isNaN(RankCorrelation.spearman(rising, constant)));
        assertTrue(Double.isNaN(RankCorrelation.kendall(constant, rising)));
        assertTrue(Double.isNaN(RankCorrelation.partialSpearman(constant, rising, new double[] {1, 3, 2, 4})));
        assertTrue(Double.isNaN(RankCorrelation.spearman(new double[] {1}, new double[] {2})));
        assertTrue(Double.isNaN(RankCorrelation.kendall(new double[0], new double[0])));
        double[] three = {1, 2, 3};
        assertTrue(Double.isNaN(RankCorrelation.partialSpearman(three, new double[] {1, 3, 2}, three, new double[] {2, 1, 3})),
                "fewer pairs than two plus the controls");
        assertTrue(Double.isNaN(RankCorrelation.partialSpearman(X, Y, X)), "the control determines x: no residual left");
        assertTrue(Double.isNaN(RankCorrelation.partialSpearman(X, Y, Z, Y)), "the controls determine y");
        assertTrue(Double.isNaN(RankCorrelation.spearman(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3})));
        assertTrue(Double.isNaN(RankCorrelation.kendall(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3})));
        assertTrue(Double.isNaN(RankCorrelation.partialSpearman(rising, rising, new double[] {1, 2, Double.NaN, 4})));
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.spearman(rising, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.partialSpearman(rising, rising, new double[] {1, 2, 3}));
    }

    @Test
    void negativeZeroTiesWithZero() {
        assertArrayEquals(new double[] {1.5, 1.5, 3}, RankCorrelation.ranks(new double[] {0.0, -0.0, 1}));
        double[] y = {1, 2, 3};
        assertEquals(RankCorrelation.kendall(new double[] {0, 0, 1}, y), RankCorrelation.kendall(new double[] {-0.0, 0.0, 1}, y), 0);
        assertEquals(RankCorrelation.spearman(new double[] {0, 0, 1}, y), RankCorrelation.spearman(new double[] {-0.0, 0.0, 1}, y), 0);
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
