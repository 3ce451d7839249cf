package dev.plateau.space;

/** Where a study's samples come from: calorimeter showers simulated in memory, a CSV file, or an HDF5 file. */
public sealed interface DataSource permits CaloSource, CsvSource, Hdf5Source {
    Task task();

    /** Whether samples are images, so convolutional candidates apply. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default boolean isImage() { return this instanceof CaloSource; }

    /** Whether the features are calorimeter cells in one energy unit, so the energy input (ln of their sum) applies. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default boolean hasCells() { return isImage(); }

    /** Whether the target is the energy the cells measure, so the calibrated energy sum is the domain baseline. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default boolean measuresEnergy() { return this instanceof CaloSource c && c.target() == CaloTarget.ENERGY; }
}
