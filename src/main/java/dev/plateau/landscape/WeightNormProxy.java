package dev.plateau.landscape;

import dev.plateau.space.ProxyVocabulary;
import java.util.List;

/**
 * {@code weight_norm}: the Euclidean norm of all deployed parameters — the data-free baseline every
 * flatness proxy must beat (a flat-looking minimum may only be a small-weight one).
 */
public record WeightNormProxy() implements Proxy {
    public static final ProxyFamily<ProxyVocabulary.Settings> FAMILY = ProxyFamily.of("weight_norm", null, null,
            (s, c) -> new WeightNormProxy(), "weight_norm");

    @Override
    public int samples() { return 1; }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        return List.of(s.measured("weight_norm", () -> s.weights().norm2Number().doubleValue()));
    }
}
