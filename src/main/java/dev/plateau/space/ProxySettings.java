package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which flatness-proxy families every candidate gets ({@code compute}) and their settings. Each family
 * produces named values (the columns of candidates.csv, usable as objectives; {@link #FAMILIES}).
 * When {@code compute} is not given it follows the deployment noise model: the weight-noise probe
 * always; the cost-aware {@code weight_noise_risk} when weight noise is declared; the input-noise probe
 * when input noise is; the fault curvature when faults are.
 */
public record ProxySettings(
        @JsonProperty("compute") List<String> compute,
        @JsonProperty("noise_curvature") NoiseCurvatureSettings noiseCurvature,
        @JsonProperty("hessian") HessianSettings hessian,
        @JsonProperty("sigma_star") SigmaStarSettings sigmaStar,
        @JsonProperty("sharpness") SharpnessSettings sharpness,
        @JsonProperty("probe") ProbeSettings probe,
        @JsonProperty("risk") RiskSettings risk) {

    /** Proxy families and the values each produces, in output order. */
    public static final Map<String, List<String>> FAMILIES = families();

    private static Map<String, List<String>> families() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("noise_curvature", List.of("noise_curvature", "noise_curvature_metric"));
        m.put("hessian", List.of("hessian_lambda_max", "hessian_trace", "hessian_trace_stderr"));
        m.put("sigma_star", List.of("sigma_star"));
        m.put("sharpness", List.of("asam_sharpness", "samson_sharpness"));
        m.put("weight_spectrum", List.of("weight_alpha", "stable_rank", "outlier_ratio"));
        m.put("input_noise", List.of("input_noise_probe", "input_noise_probe_metric"));
        m.put("faults", List.of("fault_probe", "fault_probe_metric"));
        m.put("fault_curvature", List.of("fault_curvature", "fault_curvature_metric"));
        m.put("hessian_faults", List.of("hessian_fault", "hessian_fault_metric"));
        m.put("risk", List.of("weight_noise_risk", "weight_noise_risk_measured", "weight_noise_risk_direct_seconds",
                "weight_noise_risk_direct_work"));
        return java.util.Collections.unmodifiableMap(m);  // keeps the order: columns and printouts follow it
    }

    /** Hessian λ_max (power iteration) and trace (Hutchinson) on finite-difference HVPs, in double. */
    public record HessianSettings(@JsonProperty("iterations") Integer iterations, @JsonProperty("tolerance") Double tolerance,
                                  @JsonProperty("probes") Integer probes, @JsonProperty("samples") Integer samples) {
        public HessianSettings {
            if (iterations == null) iterations = 20;
            if (tolerance == null) tolerance = 1e-3;
            if (probes == null) probes = 32;
            if (samples == null) samples = 256;
        }
    }

    /** σ*: the noise level (in the deployment geometry) at which the mean loss reaches (1 + target)·L. */
    public record SigmaStarSettings(@JsonProperty("target") Double target, @JsonProperty("draws") Integer draws,
                                    @JsonProperty("steps") Integer steps, @JsonProperty("samples") Integer samples) {
        public SigmaStarSettings {
            if (target == null) target = 1.0;
            if (draws == null) draws = 8;
            if (steps == null) steps = 12;
            if (samples == null) samples = 256;
        }
    }

    /** One-step adaptive sharpness: ASAM (T = |w| + η) and SAMSON-style (T = |w| / max|w_layer|), radius ρ. */
    public record SharpnessSettings(@JsonProperty("rho") Double rho, @JsonProperty("eta") Double eta,
                                    @JsonProperty("samples") Integer samples) {
        public SharpnessSettings {
            if (rho == null) rho = 0.05;
            if (eta == null) eta = 0.01;
            if (samples == null) samples = 256;
        }
    }

    /** Draws and evaluation rows of the input-noise and fault probes. */
    public record ProbeSettings(@JsonProperty("draws") Integer draws, @JsonProperty("samples") Integer samples) {
        public ProbeSettings {
            if (draws == null) draws = 16;
            if (samples == null) samples = 256;
        }
    }

    /**
     * The cost-aware robustness objective {@code weight_noise_risk}: the expected rise of the task metric
     * under the deployment's weight noise, measured directly ({@code draws} Monte Carlo draws on the
     * validation rows) when that work is at most {@code fraction} of the candidate's training work, else
     * the metric-matched antithetic probe {@code noise_curvature_metric}, which estimates the same
     * expectation to second order. Work is counted in multiply-accumulates; {@code step_overhead} is a
     * training minibatch's fixed bookkeeping in the same unit (4e6 measured on the reference machine:
     * docs/validation.md).
     */
    public record RiskSettings(@JsonProperty("fraction") Double fraction, @JsonProperty("draws") Integer draws,
                               @JsonProperty("step_overhead") Double stepOverhead) {
        public RiskSettings {
            if (fraction == null) fraction = 0.1;
            if (draws == null) draws = 30;
            if (stepOverhead == null) stepOverhead = 4e6;
        }
    }

    public ProxySettings {
        compute = compute == null ? null : List.copyOf(compute);
        if (noiseCurvature == null) noiseCurvature = new NoiseCurvatureSettings(null, null, null, null);
        if (hessian == null) hessian = new HessianSettings(null, null, null, null);
        if (sigmaStar == null) sigmaStar = new SigmaStarSettings(null, null, null, null);
        if (sharpness == null) sharpness = new SharpnessSettings(null, null, null);
        if (probe == null) probe = new ProbeSettings(null, null);
        if (risk == null) risk = new RiskSettings(null, null, null);
    }

    /** The families computed for every candidate under a deployment noise model. */
    public List<String> families(DeploymentSpec deployment) {
        if (compute != null) return compute;
        List<String> out = new java.util.ArrayList<>(List.of("noise_curvature"));
        if (deployment.weightNoise() != null) out.add("risk");
        if (deployment.inputNoise() != null) out.add("input_noise");
        if (deployment.faults() != null) out.add("fault_curvature");  // ranks flips far better than the one-flip probe (docs/validation.md)
        return List.copyOf(out);
    }

    /** Every value name the computed families produce. */
    public List<String> values(DeploymentSpec deployment) {
        return families(deployment).stream().flatMap(f -> FAMILIES.get(f).stream()).toList();
    }

    void validate(String at) {
        noiseCurvature.validate(at + "/noise_curvature");
        if (compute != null)
            for (int i = 0; i < compute.size(); i++)
                SpaceViolation.require(FAMILIES.containsKey(compute.get(i)), at + "/compute/" + i,
                        "'" + compute.get(i) + "' is not a proxy family", "use some of " + FAMILIES.keySet().stream().sorted().toList());
        SpaceViolation.require(hessian.iterations() >= 1 && hessian.probes() >= 2 && hessian.samples() >= 1, at + "/hessian",
                "needs iterations >= 1, probes >= 2 and samples >= 1", "use e.g. {iterations: 20, probes: 32, samples: 256}");
        SpaceViolation.require(sigmaStar.target() > 0 && sigmaStar.draws() >= 1 && sigmaStar.steps() >= 1, at + "/sigma_star",
                "needs target > 0, draws >= 1 and steps >= 1", "use e.g. {target: 1.0, draws: 8, steps: 12}");
        SpaceViolation.require(sharpness.rho() > 0 && sharpness.eta() >= 0, at + "/sharpness", "needs rho > 0 and eta >= 0",
                "use e.g. {rho: 0.05, eta: 0.01}");
        SpaceViolation.require(probe.draws() >= 1 && probe.samples() >= 1, at + "/probe", "needs draws >= 1 and samples >= 1",
                "use e.g. {draws: 16, samples: 256}");
        SpaceViolation.require(risk.fraction() >= 0 && risk.draws() >= 1 && risk.stepOverhead() >= 0, at + "/risk",
                "needs fraction >= 0, draws >= 1 and step_overhead >= 0", "use e.g. {fraction: 0.1, draws: 30, step_overhead: 4.0e6}");
        SpaceViolation.require(compute == null || !compute.contains("risk") || compute.contains("noise_curvature"), at + "/compute",
                "risk falls back on noise_curvature, which is not computed", "add noise_curvature to compute");
    }
}
