package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The regression targets a calorimeter search can ask for, with their column names and units. */
public enum CaloTarget {
    ENERGY("energy_gev", "GeV"), X("x_cm", "cm"), Y("y_cm", "cm");

    private final String column, unit;

    CaloTarget(String column, String unit) {
        this.column = column;
        this.unit = unit;
    }

    public String column() { return column; }

    public String unit() { return unit; }

    /** The unit of a data set's target column when it is a calorimeter target, else null (unknown). */
    public static String unitOf(String column) {
        for (CaloTarget t : values()) if (t.column.equals(column)) return t.unit;
        return null;
    }

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** By name ({@code energy}) or column ({@code energy_gev}). */
    @JsonCreator
    public static CaloTarget parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (CaloTarget t : values()) if (t.column.equals(n)) return t;
        return Names.parse(CaloTarget.class, name);
    }
}
