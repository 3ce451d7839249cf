package dev.plateau.exec;

import dev.plateau.model.Resources;
import dev.plateau.space.Instance;

/**
 * Whether a training, seen part-way, can no longer matter: given the instance, its hardware cost and
 * the validation loss after some epochs, the reason to stop it, or null to go on. The search supplies
 * one per generation (multi-objective early stopping); a rule holds values only, no live study state.
 */
@FunctionalInterface
public interface EarlyStopRule extends java.io.Serializable {  // shipped with each task to a remote engine's workers
    EarlyStopRule NEVER = (instance, resources, epochs, validationLoss) -> null;

    String stop(Instance instance, Resources resources, int epochs, double validationLoss);
}
