package dev.plateau.exec;

/**
 * An instance's result and its trained network as a saved {@link dev.plateau.model.DeployedModel} zip (DL4J's zip of the stock
 * network plus schema, domain and integer form; {@code null} when it failed).
 */
public record Evaluation(InstanceResult result, byte[] model) {}
