package dev.plateau.exec;

import dev.plateau.Messages;
import dev.plateau.data.ClassScores;
import dev.plateau.space.Task;
import dev.plateau.data.Dataset;
import dev.plateau.data.PreparedData;
import dev.plateau.landscape.ProxyBattery;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.model.Architecture;
import dev.plateau.model.DeployedForm;
import dev.plateau.model.DeployedModel;
import dev.plateau.model.NetworkFactory;
import dev.plateau.model.Resources;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConstraintSpec;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.Instance;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.model.quant.IntegerForm;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.space.ProxySettings;
import dev.plateau.train.Predictions;
import dev.plateau.train.TaskLoss;
import dev.plateau.train.Trainer;
import dev.plateau.train.TrainingCost;
import dev.plateau.train.TrainingRun;
import dev.plateau.train.TrainingStep;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates one instance: build, train, score on validation and test data, measure the proxy. A pure
 * function of the instance and the prepared data, so any thread or worker gives the same result.
 * Any exception inside becomes a failed result with its reason; it never escapes to the study.
 */
public final class InstanceEvaluator {
    private final PreparedData data;
    private final ProxyBattery proxies;
    private final java.time.Duration trainingTimeLimit;
    private final ConstraintSpec constraints;
    private final NoiseGeometry injectedNoise;
    private final int noiseTestDraws;
    private final long noiseTestSeed;

    public InstanceEvaluator(PreparedData data, ProxySettings proxySettings, DeploymentSpec deployment) {
        this(data, proxySettings, deployment, null, ConstraintSpec.none());
    }

    /**
     * @param trainingTimeLimit per-instance training time limit, or null for none
     * @param constraints       hardware limits; an instance over one is rejected without training
     */
    public InstanceEvaluator(PreparedData data, ProxySettings proxySettings, DeploymentSpec deployment,
                             java.time.Duration trainingTimeLimit, ConstraintSpec constraints) {
        this(data, new ProxyBattery(proxySettings, deployment, data.train().task(), data.train().outputCount()), deployment, trainingTimeLimit,
                constraints, 0, 0);
    }

    private InstanceEvaluator(PreparedData data, ProxyBattery proxies, DeploymentSpec deployment, java.time.Duration trainingTimeLimit,
                              ConstraintSpec constraints, int noiseTestDraws, long noiseTestSeed) {
        this.data = data;
        this.proxies = proxies;
        this.deployment = deployment;
        this.noiseTestDraws = noiseTestDraws;
        this.noiseTestSeed = noiseTestSeed;
        this.constraints = constraints;
        this.trainingTimeLimit = trainingTimeLimit;
        this.injectedNoise = deployment.weightNoise() == null ? NoiseGeometry.MULTIPLICATIVE : deployment.weightNoise().geometry();
    }

    private final DeploymentSpec deployment;

    /**
     * This evaluator, also running full noise testing ({@link RobustnessTest}) on every trained
     * network, with {@code draws} draws per severity from stream {@code seed}: what proxy validation
     * compares the proxies against.
     */
    public InstanceEvaluator withNoiseTesting(int draws, long seed) {
        if (draws < 1) throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        return new InstanceEvaluator(data, proxies, deployment, trainingTimeLimit, constraints, draws, seed);
    }

    public PreparedData data() { return data; }

    public Evaluation evaluate(Instance instance) { return evaluate(instance, EarlyStopRule.NEVER); }

    public Evaluation evaluate(Instance instance, EarlyStopRule earlyStop) {
        long start = System.nanoTime();
        String metric = data.metric().label();
        Resources resources = null;
        MultiLayerNetwork net = null, model = null;
        try {
            Dataset train = data.train();
            Architecture arch = Architecture.of(instance.spec(), train.featureCount(), train.imageShape(), train.outputCount());
            resources = arch.resources();
            String violation = violation(resources);
            if (violation != null)
                return new Evaluation(InstanceResult.failed(instance, Outcome.REJECTED, metric, InstanceResult.REJECTED + violation, resources, 0, 0, since(start)), null);
            CandidateSpec spec = instance.spec();
            PreparedData own = data.forInstance(spec.trainingSamples(), spec.energyInput(), instance.sampleSeed());
            net = NetworkFactory.build(spec, arch, train.task(), instance.initSeed());
            if (dev.plateau.model.EnergySumStart.applies(net, own, spec)) dev.plateau.model.EnergySumStart.apply(net, own);
            Resources cost = resources;
            Trainer.EpochMonitor monitor = earlyStop == EarlyStopRule.NEVER ? null
                    : (epochs, validationLoss) -> earlyStop.stop(instance, cost, epochs, validationLoss);
            Trainer.Step step = spec.regularization().needsCustomStep()
                    ? new TrainingStep(net, spec.regularization(), spec.learningRate(), injectedNoise,
                            new java.util.SplittableRandom(instance.sampleSeed()).split().split())::fit
                    : Trainer.plain(net);
            TrainingRun run = Trainer.train(net, own, spec.batchSize(), spec.epochs(), instance.sampleSeed(), trainingTimeLimit, monitor, step);
            if (run.failed())
                return new Evaluation(InstanceResult.failed(instance, run.stoppedEarly() ? Outcome.PRUNED : Outcome.FAILED, metric, run.failure(), resources, run.epochs(), run.seconds(), since(start)), null);

            // judged as deployed: batch norm folded, dropout gone
            model = DeployedForm.of(net, spec, arch, train.task());
            double[] valOut = Predictions.of(model, own.validation());
            double valLoss = TaskLoss.of(train.task(), valOut, own.validation().targets(), own.validation().rows(), own.validation().weights());
            Dataset val = own.validation();
            InstanceResult.ClassQuality classes = train.task() != Task.CLASSIFICATION ? null : new InstanceResult.ClassQuality(
                    ClassScores.balancedAccuracy(valOut, val.targets(), val.rows(), val.weights()), ClassScores.auc(valOut, val.targets(), val.rows(), val.weights()));
            double valMetric = data.metric().compute(data.toOriginalUnits(valOut), original(val), val.rows(), val.weights());
            double testLoss = Double.NaN, testMetric = Double.NaN;
            if (own.test().rows() > 0) {
                double[] testOut = Predictions.of(model, own.test());
                testLoss = TaskLoss.of(train.task(), testOut, own.test().targets(), own.test().rows(), own.test().weights());
                testMetric = data.metric().compute(data.toOriginalUnits(testOut), original(own.test()), own.test().rows(), own.test().weights());
            }
            if (!Double.isFinite(valLoss))
                return new Evaluation(InstanceResult.failed(instance, Outcome.FAILED, metric, "diverged: validation loss " + valLoss, resources,
                        run.epochs(), run.seconds(), since(start)), null);

            // A quantised candidate is probed as deployed — its dequantised integer weights in a plain network —
            // not through the rounding hook, whose straight-through gradient is piecewise constant.
            IntegerForm integers = IntegerForm.of(model);
            MultiLayerNetwork deployed = integers.postTraining() ? model : integers.dequantised(model);
            TrainingCost work = TrainingCost.of(run.epochs(), own.train().rows(), spec.batchSize(), spec.regularization(), resources.macs());
            Map<String, ProxyValue> measured = proxies.measure(deployed, own.validation(), own::lowerIsBetter, instance.sampleSeed(),
                    work, IntegerForm.quantizerOf(model));
            double proxySeconds = measured.values().stream().mapToDouble(ProxyValue::seconds).sum();
            InstanceResult result = new InstanceResult(instance, null, metric, run.trainLoss(), valLoss, valMetric, testLoss, testMetric,
                    measured, resources, run.epochs(), run.seconds(), proxySeconds, since(start)).withClasses(classes);
            if (noiseTestDraws > 0)  // on the study's test rows, as this network reads them, clamped to the whole training range
                result = result.withRobustness(RobustnessTest.of(model, integers, data.forInstance(0, spec.energyInput(), instance.sampleSeed()),
                        noiseTestDraws, noiseTestSeed));
            return new Evaluation(result, saved(model, integers, spec));
        } catch (RuntimeException | OutOfMemoryError e) {
            String reason = "error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Messages.firstLine(e.getMessage()));
            return new Evaluation(InstanceResult.failed(instance, Outcome.FAILED, metric, reason, resources, 0, 0, since(start)), null);
        } finally {
            if (net != null) net.close();
            if (model != null && model != net) model.close();
            // Workspaces are per thread and grow to the largest candidate seen; release them per candidate.
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }

    /**
     * The instance's expected work in multiply-accumulates — its training's counted MACs with the
     * per-step overhead the risk family uses ({@link TrainingCost}) — for ordering a batch longest
     * first; counted, so the order is the same on every machine.
     */
    public double expectedWork(Instance instance) {
        Dataset train = data.train();
        CandidateSpec spec = instance.spec();
        long macs;
        try {
            macs = Architecture.of(spec, train.featureCount(), train.imageShape(), train.outputCount()).resources().macs();
        } catch (IllegalArgumentException e) {
            return 0;  // a network that cannot be built (a kernel larger than its map) fails at once in evaluate, with the reason
        }
        int rows = spec.trainingSamples() > 0 ? Math.min(spec.trainingSamples(), train.rows()) : train.rows();
        return TrainingCost.of(spec.epochs(), rows, spec.batchSize(), spec.regularization(), macs).macs(STEP_OVERHEAD);
    }

    /** A training minibatch's fixed bookkeeping in multiply-accumulates (the risk family's default; docs/validation.md). */
    static final double STEP_OVERHEAD = new dev.plateau.landscape.RiskProxy.Settings(null, null, null).stepOverhead();

    /** The failed result of an instance that crashed the process twice; it is not trained again. */
    public Evaluation nativeCrash(Instance instance) { return failedElsewhere(instance, CrashIsolation.NATIVE_CRASH); }

    /** The failed result, with {@code reason}, of an instance whose evaluation never returned (its process or worker died). */
    public Evaluation failedElsewhere(Instance instance, String reason) {
        Dataset train = data.train();
        Resources resources = Architecture.of(instance.spec(), train.featureCount(), train.imageShape(), train.outputCount()).resources();
        return new Evaluation(InstanceResult.failed(instance, Outcome.FAILED, data.metric().label(), reason, resources, 0, 0, 0), null);
    }

    /**
     * The batch's positions, longest expected work first (ties keep batch order): the order an engine
     * starts them in, so that a long instance does not start last and leave the other workers idle at
     * the end of the batch.
     */
    public List<Integer> longestFirst(List<Instance> batch) {
        double[] work = batch.stream().mapToDouble(this::expectedWork).toArray();
        return java.util.stream.IntStream.range(0, batch.size()).boxed()
                .sorted((a, b) -> Double.compare(work[b], work[a])).toList();  // stable
    }

    /** The first hardware limit the resources break, or null. */
    private String violation(Resources r) {
        if (constraints.maxParams() != null && r.params() > constraints.maxParams()) return "params " + r.params() + " > max_params " + constraints.maxParams();
        if (constraints.maxMacs() != null && r.macs() > constraints.maxMacs()) return "macs " + r.macs() + " > max_macs " + constraints.maxMacs();
        if (constraints.maxWeightBits() != null && r.weightBits() > constraints.maxWeightBits())
            return "weight_bits " + r.weightBits() + " > max_weight_bits " + constraints.maxWeightBits();
        if (constraints.maxBops() != null && r.bops() > constraints.maxBops()) return "bops " + r.bops() + " > max_bops " + constraints.maxBops();
        return null;
    }

    /** Targets in original units (class indices unchanged). */
    private double[] original(Dataset d) { return data.toOriginalUnits(d.targets().clone()); }

    /** The candidate as it leaves Plateau: stock network, input schema, output domain and integer form in one zip. */
    private byte[] saved(MultiLayerNetwork deployedForm, IntegerForm integers, CandidateSpec spec) {
        DeployedModel saved = DeployedModel.of(deployedForm, integers, data.inputSchema(spec.energyInput()), data.outputDomain());
        try {
            return saved.bytes();
        } finally {
            saved.network().close();
        }
    }

    private static double since(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }
}
