package dev.plateau.landscape;

import java.util.List;

/**
 * A flatness-proxy family's measurement: one or more named values on a loss surface, each with its
 * cost. Its declaration — name, values, settings — is its {@link ProxyFamily}.
 */
public interface Proxy {
    /** Evaluation rows it wants (the surface it gets has at most that many). */
    int samples();

    /** Whether it differentiates (finite-difference HVPs, gradients) and so needs double precision. */
    default boolean needsDouble() { return false; }

    List<ProxyValue> measure(LossSurface surface, MeasureContext context);
}
