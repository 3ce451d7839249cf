package dev.plateau.data;

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

    /** The regression targets a calorimeter search can ask for. */
    public enum Target {
        ENERGY("energy_gev", "GeV"), X("x_cm", "cm"), Y("y_cm", "cm");

        private final String column, unit;

        Target(String column, String unit) {
            this.column = column;
            this.unit = unit;
        }

        public String column() { return column; }

        public String unit() { return unit; }

        /** The unit of a data set's target column when it is a calorimeter target, else null (unknown). */
        public static String unitOf(String column) {
            for (Target t : values()) if (t.column.equals(column)) return t.unit;
            return null;
        }

        public static Target parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Target t : values())
                if (t.column.equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n)) return t;
            throw new IllegalArgumentException("unknown calorimeter target '" + name + "'");
        }
    }

    public int events() { return energyGeV.length; }

    public static List<String> cellNames(int gridSize) {
        List<String> names = new ArrayList<>(gridSize * gridSize);
        for (int r = 0; r < gridSize; r++)
            for (int c = 0; c < gridSize; c++)
                names.add(String.format(Locale.ROOT, "cell_%02d_%02d", r, c));
        return names;
    }

    /** A regression data set with the cells as a 1-channel image and {@code target} as the only target. */
    public Dataset toDataset(Target target) {
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
