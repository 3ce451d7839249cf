package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The regression targets a calorimeter search can ask for, with their column names. */
public enum CaloTarget {
    ENERGY("energy_gev"), X("x_cm"), Y("y_cm");

    private final String column;

    CaloTarget(String column) { this.column = column; }

    public String column() { return column; }

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
