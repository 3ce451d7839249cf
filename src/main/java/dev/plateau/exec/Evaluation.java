package dev.plateau.exec;

/** An instance's result and its trained network as a DL4J model zip ({@code null} when it failed). */
public record Evaluation(InstanceResult result, byte[] model) {}
