package dev.plateau.data;

import dev.plateau.space.CaloTarget;
import dev.plateau.space.CaloVariant;
import dev.plateau.space.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Simulated photon showers: per event the true energy, hit position on the front face relative to the
 * centre of the cluster's central cell, incidence angles, and the cluster's cell energies (row-major,
 * row = y, column = x). Produced by {@link CaloShowerGenerator}.
 */
public record CaloShowers(
        CaloDetector detector,
        CaloVariant variant,
        long seed,
        double[] energyGeV,
        double[] xCm,
        double[] yCm,
        double[] thetaX,
        double[] thetaY,
        float[] cells) {

    public int events() { return energyGeV.length; }

    public static List<String> cellNames(int gridSize) {
        List<String> names = new ArrayList<>(gridSize * gridSize);
        for (int r = 0; r < gridSize; r++)
            for (int c = 0; c < gridSize; c++)
                names.add(String.format(Locale.ROOT, "cell_%02d_%02d", r, c));
        return names;
    }

    /** A regression data set with the cells as a 1-channel image and {@code target} as the only target. */
    public Dataset toDataset(CaloTarget target) {
        double[] y = switch (target) {
            case ENERGY -> energyGeV;
            case X -> xCm;
            case Y -> yCm;
        };
        int g = detector.gridSize();
        return new Dataset("calo-" + variant.name() + "-" + target.name().toLowerCase(Locale.ROOT),
                Task.REGRESSION, cellNames(g), List.of(target.column()), List.of(),
                new ImageShape(1, g, g), events(), cells, y.clone());
    }
}
