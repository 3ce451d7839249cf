package dev.plateau.store;

import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.select.ConfigurationRecord;
import dev.plateau.space.DatasetSpec;
import dev.plateau.space.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What travels with a saved network: its configuration, the instance whose weights these are (seeds
 * that re-make it), its measurements, its configuration's instance statistics, the data it was trained
 * on, the code version that trained it, the study's provenance, and the baselines a useful model beats
 * (the trivial predictor and, for calorimeter energy, the calibrated energy sum; null in older studies).
 */
public record ModelCard(
        String configId,
        String configuration,
        int seed,
        long initSeed,
        long sampleSeed,
        Map<String, Double> metrics,
        Map<String, ProxyValue> proxies,
        long params,
        long macs,
        int instances,
        int instancesOk,
        DatasetSpec dataset,
        String codeVersion,
        Provenance provenance,
        dev.plateau.data.Baselines baselines) {

    /** @param codeVersion the code version that journaled the representative instance */
    static ModelCard of(ConfigurationRecord c, SearchSpace space, Provenance provenance, String codeVersion, dev.plateau.data.Baselines baselines) {
        InstanceResult r = c.representative().orElseThrow();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", r.trainLoss());
        metrics.put("val_loss", r.valLoss());
        metrics.put("val_" + r.metricName(), r.valMetric());
        metrics.put("test_loss", r.testLoss());
        metrics.put("test_" + r.metricName(), r.testMetric());
        return new ModelCard(c.configId(), c.spec().canonical(), r.instance().seed(), r.instance().initSeed(),
                r.instance().sampleSeed(), metrics, r.proxies(), r.resources().params(), r.resources().macs(),
                c.instances().size(), c.ok().size(), space.dataset(), codeVersion, provenance, baselines);
    }
}
