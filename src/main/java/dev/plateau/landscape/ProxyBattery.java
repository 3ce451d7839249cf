package dev.plateau.landscape;

import dev.plateau.data.Dataset;
import dev.plateau.data.Task;
import dev.plateau.model.quant.IntegerForm;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.ProxySettings;
import dev.plateau.train.TrainingCost;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The proxy families a study computes for every candidate, configured from the search space and its
 * deployment noise model: the weight-noise probes take their geometry and level from the declared
 * weight noise, the input probe its level, the fault probe its flip count or rate. Each family runs on
 * the first {@code samples} rows of the evaluation set: in double precision when it differentiates,
 * in float32 when it only runs forward passes.
 */
public final class ProxyBattery {
    private final Map<String, Proxy> proxies = new LinkedHashMap<>();

    public ProxyBattery(ProxySettings settings, DeploymentSpec deployment, Task task, int classes) {
        this(settings, deployment, task, classes, settings.families(deployment));
    }

    public ProxyBattery(ProxySettings settings, DeploymentSpec deployment, Task task, int classes, List<String> families) {
        NoiseGeometry geometry = deployment.weightNoise() != null ? deployment.weightNoise().geometry() : settings.noiseCurvature().geometry();
        double sigma = deployment.weightNoise() != null ? deployment.weightNoise().level() : settings.noiseCurvature().sigma();
        var probe = settings.probe();
        for (String f : families)
            proxies.put(f, switch (f) {
                case "noise_curvature" -> new NoiseCurvatureProxy(geometry, sigma, settings.noiseCurvature().pairs(), settings.noiseCurvature().samples());
                case "hessian" -> new HessianProxy(settings.hessian());
                case "sigma_star" -> new SigmaStarProxy(geometry, settings.sigmaStar().target(), settings.sigmaStar().draws(),
                        settings.sigmaStar().steps(), settings.sigmaStar().samples());
                case "sharpness" -> new SharpnessProxy(settings.sharpness().rho(), settings.sharpness().eta(), settings.sharpness().samples());
                case "weight_spectrum" -> new WeightSpectrumProxy();
                case "input_noise" -> new InputNoiseProxy(deployment.inputNoise() != null ? deployment.inputNoise().level() : 0.1,
                        probe.draws(), probe.samples());
                case "risk" -> null;  // decided after the others, from the noise probe's measured cost
                case "faults" -> new FaultProxy(-1, IntegerForm.FLOAT_DEPLOYMENT_BITS, true, probe.draws(), probe.samples(),
                        // a destroyed model predicts no better than the mean (standardised MSE 1) or a uniform guess
                        task == Task.CLASSIFICATION ? Math.log(classes) : 1.0);
                case "fault_curvature" -> new FaultCurvatureProxy(-1, IntegerForm.FLOAT_DEPLOYMENT_BITS, true, settings.noiseCurvature().pairs(),
                        settings.noiseCurvature().samples());
                case "hessian_faults" -> new HessianFaultProxy(-1, IntegerForm.FLOAT_DEPLOYMENT_BITS, true, settings.hessian());
                default -> throw new IllegalArgumentException("unknown proxy family " + f);
            });
        this.deployment = deployment;
        this.risk = settings.risk();
        this.geometry = geometry;
        this.sigma = sigma;
    }

    private final ProxySettings.RiskSettings risk;
    private final NoiseGeometry geometry;
    private final double sigma;

    private final DeploymentSpec deployment;

    /**
     * Every value of every family for one trained network.
     *
     * @param metric the task metric as "lower is better", for the metric-matched values (or null)
     */
    public Map<String, ProxyValue> measure(MultiLayerNetwork net, Dataset evaluation, ToDoubleBiFunction<double[], Dataset> metric,
                                           long seed) {
        return measure(net, evaluation, metric, seed, null, IntegerForm.FLOAT_DEPLOYMENT_BITS, true);
    }

    /**
     * @param training   the candidate's training work, which sets the budget of the direct risk test (null: no budget)
     * @param weightBits the integer width the network is deployed with (its QAT bits, or 8 for a float network)
     */
    public Map<String, ProxyValue> measure(MultiLayerNetwork net, Dataset evaluation, ToDoubleBiFunction<double[], Dataset> metric,
                                           long seed, TrainingCost training, int weightBits, boolean perChannel) {
        Map<String, LossSurface> surfaces = new HashMap<>();
        Map<String, ProxyValue> out = new LinkedHashMap<>();
        int index = 0;
        for (var e : proxies.entrySet()) {
            Proxy p = e.getValue();
            if (p == null) continue;
            if (p instanceof FaultModelProxy fp) p = fp.deployedAt(flips(net, weightBits), weightBits, perChannel);
            int n = Math.min(p.samples(), evaluation.rows());
            var precision = p.needsDouble() ? org.nd4j.linalg.api.buffer.DataType.DOUBLE : org.nd4j.linalg.api.buffer.DataType.FLOAT;
            LossSurface s = surfaces.computeIfAbsent(n + "/" + precision, k -> new LossSurface(net, evaluation.head(n), metric, precision));
            // each family gets its own stream, so adding a family never changes another's value
            for (ProxyValue v : p.measure(s, seed + 7919L * ++index)) out.put(v.name(), v);
        }
        if (proxies.containsKey("risk")) out.putAll(risk(net, evaluation, metric, seed, training, out));
        return out;
    }

    /**
     * The cost-aware risk. The direct Monte Carlo test runs when its work — (1 + draws) forward passes
     * over the evaluation rows — is at most {@code fraction} of the training work, both counted in
     * multiply-accumulates ({@link TrainingCost}): counted, not timed, so the choice, and with it the
     * value, depends only on the candidate, never on the machine's load or the number of workers. The
     * direct test's time, estimated from the noise probe's measured time per forward sample, is
     * recorded beside it.
     */
    private Map<String, ProxyValue> risk(MultiLayerNetwork net, Dataset evaluation, ToDoubleBiFunction<double[], Dataset> metric,
                                         long seed, TrainingCost training, Map<String, ProxyValue> measured) {
        ProxyValue probe = measured.get("noise_curvature");
        ProxyValue probeMetric = measured.get("noise_curvature_metric");
        double perSample = probe.seconds() / Math.max(1, probe.forwardSamples());
        long directSamples = (long) evaluation.rows() * (1 + risk.draws());
        double estimate = perSample * directSamples;
        double share = training == null ? Double.NaN
                : directSamples * (double) training.macsPerSample() / training.macs(risk.stepOverhead());
        boolean direct = share <= risk.fraction();
        Map<String, ProxyValue> out = new LinkedHashMap<>();
        if (direct) {
            LossSurface s = new LossSurface(net, evaluation, metric, org.nd4j.linalg.api.buffer.DataType.FLOAT);
            var w0 = s.weights();
            var scale = s.scale(geometry).muli(sigma);
            var rng = new java.util.SplittableRandom(seed + 104729L);
            List<ProxyValue> values = ForwardProbe.meanIncrease(s, "weight_noise_risk", risk.draws(),
                    k -> new double[][] {s.outputs(w0.add(HessianSpectrum.gaussian(s.dimension(), rng).muli(scale)))}, c -> c, 1.0);
            // the metric's increase is the risk; the loss increase is not needed here
            ProxyValue m = values.size() > 1 ? values.get(1) : values.get(0);
            out.put("weight_noise_risk", new ProxyValue("weight_noise_risk", m.value(), values.get(0).forwardSamples(), 0, values.get(0).seconds()));
        } else {
            ProxyValue v = probeMetric != null ? probeMetric : probe;
            out.put("weight_noise_risk", new ProxyValue("weight_noise_risk", v.value(), 0, 0, 0));
        }
        out.put("weight_noise_risk_measured", new ProxyValue("weight_noise_risk_measured", direct ? 1 : 0, 0, 0, 0));
        out.put("weight_noise_risk_direct_seconds", new ProxyValue("weight_noise_risk_direct_seconds", estimate, 0, 0, 0));
        out.put("weight_noise_risk_direct_work", new ProxyValue("weight_noise_risk_direct_work", share, 0, 0, 0));
        return out;
    }

    private double flips(MultiLayerNetwork net, int bits) {
        return deployment.faults() == null ? 1 : deployment.faults().expectedFlips(net.numParams(), bits);
    }
}
