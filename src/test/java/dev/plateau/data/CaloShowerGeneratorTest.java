package dev.plateau.data;

import dev.plateau.space.CaloVariant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaloShowerGeneratorTest {
    static final CaloDetector DETECTOR = CaloDetector.shashlik();
    static CaloShowers a;

    @BeforeAll
    static void generate() {
        a = new CaloShowerGenerator(DETECTOR).generate(CaloVariant.A, 40_000, 11);
    }

    static double cellSum(CaloShowers s, int e) {
        double sum = 0;
        for (int c = 0; c < DETECTOR.cells(); c++) sum += s.cells()[e * DETECTOR.cells() + c];
        return sum;
    }

    @Test
    void meanVisibleFractionIsTheSamplingFractionAcrossEnergies() {
        double[] edges = {1, 2, 5, 10, 20, 50, 100};
        for (int b = 0; b + 1 < edges.length; b++) {
            double sum = 0;
            int n = 0;
            for (int e = 0; e < a.events(); e++)
                if (a.energyGeV()[e] >= edges[b] && a.energyGeV()[e] < edges[b + 1]) {
                    sum += cellSum(a, e) / a.energyGeV()[e];
                    n++;
                }
            double mean = sum / n;
            assertEquals(DETECTOR.samplingFraction(), mean, 0.02 * DETECTOR.samplingFraction(),
                    "mean cell sum / E in [" + edges[b] + ", " + edges[b + 1] + ") GeV over " + n + " events");
        }
    }

    @Test
    void barycentreTracksTheHitPosition() {
        int g = DETECTOR.gridSize(), centre = g / 2;
        double w = DETECTOR.cellWidthCm();
        double sumSq = 0, sxy = 0, sxx = 0, syy = 0;
        for (int e = 0; e < a.events(); e++) {
            double sum = 0, bx = 0;
            for (int r = centre - 2; r <= centre + 2; r++)
                for (int c = centre - 2; c <= centre + 2; c++) {
                    double v = a.cells()[e * DETECTOR.cells() + r * g + c];
                    sum += v;
                    bx += v * (c - centre) * w;
                }
            bx /= sum;
            double x = a.xCm()[e];
            sumSq += (bx - x) * (bx - x);
            sxy += bx * x;
            sxx += bx * bx;
            syy += x * x;
        }
        double rmsCells = Math.sqrt(sumSq / a.events()) / w;
        assertTrue(rmsCells < 0.3, "RMS barycentre residual " + rmsCells + " cell widths");
        // Guessing the cell centre every time would already give 0.289 cells; the barycentre must know more.
        assertTrue(sxy / Math.sqrt(sxx * syy) > 0.9, "barycentre–hit correlation " + sxy / Math.sqrt(sxx * syy));
    }

    /** Fits σ²/E² = a²/E + b² + c²/E² per energy bin, with the known noise term c subtracted. */
    @Test
    void rawSumResolutionFollowsStochasticAndConstantTerms() {
        int bins = 12;
        double[] n = new double[bins], s1 = new double[bins], s2 = new double[bins], eSum = new double[bins];
        for (int e = 0; e < a.events(); e++) {
            double energy = a.energyGeV()[e];
            int b = Math.min(bins - 1, (int) ((energy - 1) / (99.0 / bins)));
            double r = cellSum(a, e) / (DETECTOR.samplingFraction() * energy);
            n[b]++;
            s1[b] += r;
            s2[b] += r * r;
            eSum[b] += energy;
        }
        // weighted least squares of y = a²·(1/E) + b² with weights 1/var(y) ~ 1/y²
        double c = DETECTOR.noiseTermGeV();
        double sww = 0, swx = 0, swxx = 0, swy = 0, swxy = 0;
        for (int b = 0; b < bins; b++) {
            double mean = s1[b] / n[b], var = s2[b] / n[b] - mean * mean;
            double eMean = eSum[b] / n[b];
            double y = var - c * c / (eMean * eMean), x = 1 / eMean, wgt = n[b] / (var * var);
            sww += wgt;
            swx += wgt * x;
            swxx += wgt * x * x;
            swy += wgt * y;
            swxy += wgt * x * y;
        }
        double det = sww * swxx - swx * swx;
        double aSq = (sww * swxy - swx * swy) / det, bSq = (swxx * swy - swx * swxy) / det;
        double aFit = Math.sqrt(aSq), bFit = Math.sqrt(bSq);
        assertEquals(DETECTOR.stochasticTerm(), aFit, 0.2 * DETECTOR.stochasticTerm(), "stochastic term");
        assertEquals(DETECTOR.constantTerm(), bFit, 0.2 * DETECTOR.constantTerm(), "constant term");
    }

    @Test
    void variantBHasAFallingSpectrumAndBoundedAngles() {
        CaloShowers b = new CaloShowerGenerator(DETECTOR).generate(CaloVariant.B, 20_000, 5);
        int[] hist = new int[100];
        for (double e : b.energyGeV()) hist[(int) Math.min(99, e)]++;
        int mode = 0;
        for (int i = 1; i < hist.length; i++) if (hist[i] > hist[mode]) mode = i;
        assertTrue(mode >= 5 && mode < 15, "spectrum peaks at " + mode + "-" + (mode + 1) + " GeV");
        assertTrue(hist[60] < hist[mode] / 5, "spectrum falls towards high energy");
        double maxAngle = 0;
        int inCore = 0;
        for (int e = 0; e < b.events(); e++) {
            maxAngle = Math.max(maxAngle, Math.max(Math.abs(b.thetaX()[e]), Math.abs(b.thetaY()[e])));
            if (Math.abs(b.thetaX()[e]) < 0.05) inCore++;
        }
        assertTrue(maxAngle <= 0.31, "max |angle| " + maxAngle);
        assertTrue(maxAngle > 0.25, "angles reach towards the limit: " + maxAngle);
        assertTrue(inCore > b.events() / 5, "angles peak at normal incidence");
        for (double t : a.thetaX()) assertEquals(0.0, t, "variant A is at normal incidence");
    }

    @Test
    void sameSeedGivesTheSameFileByteForByte(@TempDir Path dir) throws Exception {
        CaloShowerGenerator gen = new CaloShowerGenerator(DETECTOR);
        Path f1 = dir.resolve("a.csv"), f2 = dir.resolve("b.csv"), f3 = dir.resolve("c.csv");
        CaloCsvWriter.write(gen.generate(CaloVariant.B, 300, 9), f1);
        CaloCsvWriter.write(gen.generate(CaloVariant.B, 300, 9), f2);
        CaloCsvWriter.write(gen.generate(CaloVariant.B, 300, 10), f3);
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(f1), Files.readAllBytes(f3)));
        assertEquals(301, Files.readAllLines(f1).size());
    }

    @Test
    void eventsDoNotDependOnHowManyAreGenerated() {
        CaloShowers few = new CaloShowerGenerator(DETECTOR).generate(CaloVariant.A, 10, 11);
        for (int e = 0; e < 10; e++) assertEquals(a.energyGeV()[e], few.energyGeV()[e]);
    }
}
