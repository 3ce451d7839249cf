package dev.plateau.landscape;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plateau.space.ProxyVocabulary;
import dev.plateau.space.SpaceViolation;
import java.util.List;

/**
 * {@code hessian_lambda_max} (power iteration) and {@code hessian_trace} with its standard error
 * (Hutchinson), on central-difference HVPs in double. Costs two gradients per HVP.
 */
public record HessianProxy(Settings settings) implements Proxy {
    public static final ProxyFamily<Settings> FAMILY = ProxyFamily.of("hessian", "hessian", Settings.class,
            (s, c) -> new HessianProxy(s), "hessian_lambda_max", "hessian_trace").describedBy("hessian_trace_stderr");

    /** {@code proxy.hessian}: power iterations and their tolerance, Hutchinson probes, validation rows (also read by hessian_faults). */
    public record Settings(@JsonProperty("iterations") Integer iterations, @JsonProperty("tolerance") Double tolerance,
                           @JsonProperty("probes") Integer probes, @JsonProperty("samples") Integer samples) implements ProxyVocabulary.Settings {
        public Settings {
            if (iterations == null) iterations = 20;
            if (tolerance == null) tolerance = 1e-3;
            if (probes == null) probes = 32;
            if (samples == null) samples = 256;
        }

        @Override
        public void validate(String at) {
            SpaceViolation.require(iterations >= 1 && probes >= 2 && samples >= 1, at, "needs iterations >= 1, probes >= 2 and samples >= 1",
                    "use e.g. {iterations: 20, probes: 32, samples: 256}");
        }
    }

    @Override
    public int samples() { return settings.samples(); }

    @Override
    public boolean needsDouble() { return true; }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        long seed = context.seed();
        ProxyValue lambda = s.measured("hessian_lambda_max",
                () -> HessianSpectrum.top(s, 1, settings.iterations(), settings.tolerance(), seed).eigenvalues()[0]);
        HutchinsonTrace.Result[] trace = new HutchinsonTrace.Result[1];
        ProxyValue tr = s.measured("hessian_trace", () -> (trace[0] = HutchinsonTrace.estimate(s, settings.probes(), seed + 1)).trace());
        return List.of(lambda, tr, new ProxyValue("hessian_trace_stderr", trace[0].standardError(), 0, 0, 0));
    }
}
