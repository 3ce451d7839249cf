package dev.plateau.store;

import dev.plateau.data.Baselines;
import dev.plateau.select.UsefulnessFloor;

/** {@value StudyFolder#BASELINES}: what a useful model of the study must beat, and the floor the archive applied. */
public record StudyBaselines(Baselines baselines, UsefulnessFloor floor) {}
