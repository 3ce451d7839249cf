package dev.plateau.space;

/** Where a study's samples come from: calorimeter showers simulated in memory, or a CSV file. */
public sealed interface DataSource permits CaloSource, CsvSource {
    Task task();

    /** Whether samples are images, so convolutional candidates apply. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default boolean isImage() { return this instanceof CaloSource; }
}
