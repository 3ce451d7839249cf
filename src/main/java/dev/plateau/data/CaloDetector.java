package dev.plateau.data;

/**
 * Parameters of the simulated Shashlik-like electromagnetic calorimeter. Defaults follow design §6:
 * cells about one Molière radius wide (LHCb inner-module cells are 4.04 cm), ~10%/√E stochastic and
 * ~1% constant term, a few MeV of electronic noise per cell.
 *
 * @param gridSize          cells per side of the square cluster window
 * @param cellWidthCm       cell pitch
 * @param moliereRadiusCm   sets the lateral profile: core radius 0.25·R_M, halo radius 1.2·R_M
 * @param coreFraction      share of the energy in the core of the two-component radial profile
 * @param samplingFraction  mean visible (cell) energy per unit of deposited energy
 * @param stochasticTerm    a in σ/E = a/√E ⊕ b, from sampling fluctuations
 * @param constantTerm      b in σ/E = a/√E ⊕ b, from non-uniformity
 * @param cellNoiseGeV      Gaussian electronic noise per cell, on the visible (cell) scale
 * @param radiationLengthCm effective X₀ of the absorber/scintillator stack
 * @param depthX0           calorimeter depth in radiation lengths; energy deposited deeper leaks out
 * @param criticalEnergyGeV sets the depth of the shower maximum, t_max = ln(E/E_c) + 0.5 for photons
 * @param spotsPerShower    energy spots sampled per shower; more spots, smoother cell shares
 */
public record CaloDetector(
        int gridSize,
        double cellWidthCm,
        double moliereRadiusCm,
        double coreFraction,
        double samplingFraction,
        double stochasticTerm,
        double constantTerm,
        double cellNoiseGeV,
        double radiationLengthCm,
        double depthX0,
        double criticalEnergyGeV,
        int spotsPerShower) {

    public CaloDetector {
        if (gridSize < 3 || gridSize % 2 == 0) throw new IllegalArgumentException("grid size must be odd and >= 3, got " + gridSize);
        if (!(samplingFraction > 0 && samplingFraction <= 1)) throw new IllegalArgumentException("sampling fraction must be in (0, 1], got " + samplingFraction);
        if (spotsPerShower < 1) throw new IllegalArgumentException("spots per shower must be >= 1, got " + spotsPerShower);
    }

    /** The default Shashlik-like detector: 15×15 cells of 4.04 cm. */
    public static CaloDetector shashlik() {
        return new CaloDetector(15, 4.04, 3.5, 0.85, 0.30, 0.10, 0.01, 0.003, 1.75, 25.0, 0.0074, 400);
    }

    public int cells() { return gridSize * gridSize; }

    /** Relative noise term c in σ/E = a/√E ⊕ b ⊕ c/E for the raw sum over all cells, E in GeV. */
    public double noiseTermGeV() { return cellNoiseGeV * Math.sqrt(cells()) / samplingFraction; }
}
