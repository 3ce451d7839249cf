package dev.plateau.landscape;

import dev.plateau.model.quant.IntegerForm;
import dev.plateau.data.Dataset;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.ProxySettings;
import dev.plateau.space.Seeds;
import dev.plateau.train.TrainingCost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The proxy families a study computes for every candidate, built from their {@link ProxyFamily}
 * declarations with the study's settings and deployment noise model ({@link ProxyContext}). Each
 * family runs on the first {@code samples} rows of the evaluation set — in double precision when it
 * differentiates, in float32 when it only runs forward passes — after the families it needs, and
 * draws from a random stream named after it, so adding, removing or reordering families never
 * changes another family's values.
 */
public final class ProxyBattery {
    private final Map<String, Proxy> proxies = new LinkedHashMap<>();
    private final ProxyContext context;

    public ProxyBattery(ProxySettings settings, DeploymentSpec deployment, dev.plateau.space.Task task, int classes) {
        this(settings, deployment, task, classes, settings.families(deployment));
    }

    public ProxyBattery(ProxySettings settings, DeploymentSpec deployment, dev.plateau.space.Task task, int classes, List<String> families) {
        this.context = ProxyContext.of(settings, deployment, task, classes);
        for (String name : inMeasuringOrder(families)) proxies.put(name, ProxyFamilies.named(name).create(settings, context));
    }

    /** The families with every requirement before the family that needs it; otherwise as given. */
    private static List<String> inMeasuringOrder(List<String> families) {
        List<String> out = new ArrayList<>();
        for (String f : families) place(f, families, out);
        return out;
    }

    private static void place(String family, List<String> asked, List<String> out) {
        if (out.contains(family)) return;
        for (String needed : ProxyFamilies.named(family).requires())
            if (asked.contains(needed)) place(needed, asked, out);
        out.add(family);
    }

    /** Every value of every family for one float network deployed at 8 bits, with no training budget. */
    public Map<String, ProxyValue> measure(MultiLayerNetwork net, Dataset evaluation, ToDoubleBiFunction<double[], Dataset> metric, long seed) {
        return measure(net, evaluation, metric, seed, null, IntegerForm.POST_TRAINING);
    }

    /**
     * Every value of every family for one trained network.
     *
     * @param metric     the task metric as "lower is better", for the metric-matched values (or null)
     * @param seed       the instance's seed; each family's stream derives from it and the family's name
     * @param training   the candidate's training work, which sets the budget of the direct risk test (null: no budget)
     * @param quantizer  the weight quantiser the network is deployed with ({@link dev.plateau.model.quant.IntegerForm#quantizerOf})
     */
    public Map<String, ProxyValue> measure(MultiLayerNetwork net, Dataset evaluation, ToDoubleBiFunction<double[], Dataset> metric,
                                           long seed, TrainingCost training, dev.plateau.model.quant.SymmetricQuantizer quantizer) {
        Map<String, LossSurface> surfaces = new HashMap<>();
        Map<String, ProxyValue> out = new LinkedHashMap<>();
        MeasureContext candidate = new MeasureContext(seed, training, quantizer, context.expectedFlips(net.numParams(), quantizer.bits()), Map.of());
        for (var e : proxies.entrySet()) {
            Proxy p = e.getValue();
            int n = Math.min(p.samples(), evaluation.rows());
            DataType precision = p.needsDouble() ? DataType.DOUBLE : DataType.FLOAT;
            LossSurface s = surfaces.computeIfAbsent(n + "/" + precision, k -> new LossSurface(net, evaluation.head(n), metric, precision));
            for (ProxyValue v : p.measure(s, candidate.forFamily(Seeds.derive(seed, e.getKey()), out))) out.put(v.name(), v);
        }
        return out;
    }
}
