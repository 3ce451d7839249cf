package dev.plateau.data;

import dev.plateau.space.CaloVariant;
import java.util.SplittableRandom;

/**
 * A fast parametric photon-shower simulation for a Shashlik-like calorimeter (design §6), deterministic
 * from a seed. Each event:
 * <ol>
 *   <li>draws the photon energy (variant A: flat 1–100 GeV; B: log-normal with mode 9 GeV, cut to
 *       1–100 GeV), the hit offset inside the central cell, and (variant B) incidence angles from a
 *       normal of width 0.12 rad truncated to ±0.31 rad;</li>
 *   <li>sets the visible energy f_s·E·(1 + a/√E·g₁)(1 + b·g₂): the stochastic and constant terms;</li>
 *   <li>splits it into equal spots, each with a depth from the Longo–Sestili gamma profile
 *       (t_max = ln(E/E_c) + 0.5) — spots beyond the calorimeter depth leak out — and a lateral
 *       offset from the Grindhammer core + halo profile f(r) ∝ 2rR²/(r²+R²)², displaced along the
 *       incidence direction by its depth;</li>
 *   <li>adds Gaussian electronic noise to every cell.</li>
 * </ol>
 * Events use their own random stream split from the seed, so event i is the same whatever the event
 * count, and the output of a seed is byte-identical run to run.
 */
public final class CaloShowerGenerator {
    static final double ANGLE_LIMIT_RAD = 0.31;
    static final double ANGLE_WIDTH_RAD = 0.12;
    static final double SPECTRUM_B_MODE_GEV = 9.0;
    static final double SPECTRUM_B_LOG_WIDTH = 0.8;
    private static final double MIN_ENERGY_GEV = 1.0, MAX_ENERGY_GEV = 100.0;
    // Longitudinal profile shape: dE/dt ∝ t^(α−1) e^(−βt) with β ≈ 0.5 (PDG, "Electromagnetic cascades").
    private static final double LONGITUDINAL_BETA = 0.5;

    private final CaloDetector detector;

    public CaloShowerGenerator(CaloDetector detector) {
        this.detector = java.util.Objects.requireNonNull(detector, "detector");
    }

    public CaloShowers generate(CaloVariant variant, int events, long seed) {
        if (events < 1) throw new IllegalArgumentException("events must be >= 1, got " + events);
        int cells = detector.cells();
        double[] energy = new double[events], x = new double[events], y = new double[events];
        double[] tx = new double[events], ty = new double[events];
        float[] grid = new float[events * cells];
        SplittableRandom root = new SplittableRandom(seed);
        double[] cellSum = new double[cells];
        for (int e = 0; e < events; e++) {
            SplittableRandom rng = root.split();
            energy[e] = variant == CaloVariant.A
                    ? MIN_ENERGY_GEV + (MAX_ENERGY_GEV - MIN_ENERGY_GEV) * rng.nextDouble()
                    : fallingSpectrum(rng);
            double half = detector.cellWidthCm() / 2;
            x[e] = -half + detector.cellWidthCm() * rng.nextDouble();
            y[e] = -half + detector.cellWidthCm() * rng.nextDouble();
            if (variant == CaloVariant.B) {
                tx[e] = truncatedNormal(rng, ANGLE_WIDTH_RAD, ANGLE_LIMIT_RAD);
                ty[e] = truncatedNormal(rng, ANGLE_WIDTH_RAD, ANGLE_LIMIT_RAD);
            }
            java.util.Arrays.fill(cellSum, 0.0);
            depositShower(rng, energy[e], x[e], y[e], tx[e], ty[e], cellSum);
            for (int c = 0; c < cells; c++)
                grid[e * cells + c] = (float) (cellSum[c] + detector.cellNoiseGeV() * rng.nextGaussian());
        }
        return new CaloShowers(detector, variant, seed, energy, x, y, tx, ty, grid);
    }

    private void depositShower(SplittableRandom rng, double e, double hitX, double hitY,
                               double thetaX, double thetaY, double[] cellSum) {
        double visible = detector.samplingFraction() * e
                * (1 + detector.stochasticTerm() / Math.sqrt(e) * rng.nextGaussian())
                * (1 + detector.constantTerm() * rng.nextGaussian());
        int spots = detector.spotsPerShower();
        double spotEnergy = visible / spots;
        double tMax = Math.max(Math.log(e / detector.criticalEnergyGeV()) + 0.5, 0.5);
        double alpha = 1 + LONGITUDINAL_BETA * tMax;
        double tanX = Math.tan(thetaX), tanY = Math.tan(thetaY);
        double coreR = 0.25 * detector.moliereRadiusCm(), haloR = 1.2 * detector.moliereRadiusCm();
        int g = detector.gridSize();
        double w = detector.cellWidthCm(), origin = g / 2.0;
        for (int s = 0; s < spots; s++) {
            double depthX0 = gamma(rng, alpha) / LONGITUDINAL_BETA;
            if (depthX0 > detector.depthX0()) continue;  // longitudinal leakage
            double depthCm = depthX0 * detector.radiationLengthCm();
            double radius = rng.nextDouble() < detector.coreFraction() ? coreR : haloR;
            double u = rng.nextDouble();
            double r = radius * Math.sqrt(u / (1 - u));  // inverse CDF of F(r) = r²/(r²+R²)
            double phi = 2 * Math.PI * rng.nextDouble();
            double px = hitX + depthCm * tanX + r * Math.cos(phi);
            double py = hitY + depthCm * tanY + r * Math.sin(phi);
            int col = (int) Math.floor(px / w + origin), row = (int) Math.floor(py / w + origin);
            if (col < 0 || col >= g || row < 0 || row >= g) continue;  // lateral leakage
            cellSum[row * g + col] += spotEnergy;
        }
    }

    private static double fallingSpectrum(SplittableRandom rng) {
        // log-normal with mode exp(μ − s²) = 9 GeV
        double mu = Math.log(SPECTRUM_B_MODE_GEV) + SPECTRUM_B_LOG_WIDTH * SPECTRUM_B_LOG_WIDTH;
        while (true) {
            double e = Math.exp(mu + SPECTRUM_B_LOG_WIDTH * rng.nextGaussian());
            if (e >= MIN_ENERGY_GEV && e <= MAX_ENERGY_GEV) return e;
        }
    }

    private static double truncatedNormal(SplittableRandom rng, double sigma, double limit) {
        while (true) {
            double v = sigma * rng.nextGaussian();
            if (Math.abs(v) <= limit) return v;
        }
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape ≥ 1 here. */
    private static double gamma(SplittableRandom rng, double shape) {
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z, v;
            do {
                z = rng.nextGaussian();
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
        }
    }
}
