package dev.plateau.landscape;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plateau.space.ProxyVocabulary;
import dev.plateau.space.Sharpness;
import dev.plateau.space.SpaceViolation;
import dev.plateau.train.SharpnessAscent;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-step adaptive sharpness L(w + ε̂) − L(w), with ε̂ the ascent step of sharpness-aware training
 * ({@link SharpnessAscent}, the one operator training and this proxy share) at radius ρ:
 * {@code asam_sharpness} with ASAM's operator, {@code samson_sharpness} with SAMSON's. One gradient
 * and two forward passes per variant.
 */
public record SharpnessProxy(double rho, double eta, int samples) implements Proxy {
    public static final ProxyFamily<Settings> FAMILY = ProxyFamily.of("sharpness", "sharpness", Settings.class,
            (s, c) -> new SharpnessProxy(s.rho(), s.eta(), s.samples()), "asam_sharpness", "samson_sharpness");

    /** {@code proxy.sharpness}: radius ρ, ASAM's η, validation rows. */
    public record Settings(@JsonProperty("rho") Double rho, @JsonProperty("eta") Double eta,
                           @JsonProperty("samples") Integer samples) implements ProxyVocabulary.Settings {
        public Settings {
            if (rho == null) rho = 0.05;
            if (eta == null) eta = SharpnessAscent.ASAM_ETA;
            if (samples == null) samples = 256;
        }

        @Override
        public void validate(String at) {
            SpaceViolation.require(rho > 0 && eta >= 0, at, "needs rho > 0 and eta >= 0", "use e.g. {rho: 0.05, eta: 0.01}");
        }
    }

    @Override
    public boolean needsDouble() { return true; }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        INDArray w = s.weights();
        double[] wv = w.toDoubleVector();
        double[][] g = new double[1][];
        ProxyValue asam = s.measured("asam_sharpness", () -> {
            g[0] = s.gradient(w).toDoubleVector();
            return rise(s, w, SharpnessAscent.epsilon(Sharpness.ASAM, rho, eta, wv, g[0], s.blocks()));
        });
        ProxyValue samson = s.measured("samson_sharpness", () -> rise(s, w, SharpnessAscent.epsilon(Sharpness.SAMSON, rho, eta, wv, g[0], s.blocks())));
        return List.of(asam, samson);
    }

    private static double rise(LossSurface s, INDArray w, double[] epsilon) {
        return s.loss(w.add(Nd4j.createFromArray(epsilon))) - s.loss(w);
    }
}
