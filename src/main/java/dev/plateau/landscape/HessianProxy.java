package dev.plateau.landscape;

import dev.plateau.space.ProxySettings.HessianSettings;
import java.util.List;

/**
 * {@code hessian_lambda_max} (power iteration) and {@code hessian_trace} with its standard error
 * (Hutchinson), on central-difference HVPs in double. Costs two gradients per HVP.
 */
public record HessianProxy(HessianSettings settings) implements Proxy {
    @Override
    public int samples() { return settings.samples(); }

    @Override
    public boolean needsDouble() { return true; }

    @Override
    public List<ProxyValue> measure(LossSurface s, long seed) {
        ProxyValue lambda = s.measured("hessian_lambda_max",
                () -> HessianSpectrum.top(s, 1, settings.iterations(), settings.tolerance(), seed).eigenvalues()[0]);
        HutchinsonTrace.Result[] trace = new HutchinsonTrace.Result[1];
        ProxyValue tr = s.measured("hessian_trace", () -> (trace[0] = HutchinsonTrace.estimate(s, settings.probes(), seed + 1)).trace());
        return List.of(lambda, tr, new ProxyValue("hessian_trace_stderr", trace[0].standardError(), 0, 0, 0));
    }
}
