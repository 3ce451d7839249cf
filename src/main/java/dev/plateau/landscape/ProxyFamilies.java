package dev.plateau.landscape;

import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.ProxyVocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The registry of proxy families, in output order: a new family is one class (with its {@code FAMILY}
 * declaration) plus one line here. It is the {@link ProxyVocabulary} service, through which the
 * search-space reader checks family names, settings and objectives.
 */
public final class ProxyFamilies implements ProxyVocabulary {
    /** Every family, in output order (candidates.csv columns follow it). */
    public static final List<ProxyFamily<?>> ALL = List.of(
            NoiseCurvatureProxy.FAMILY,
            RiskProxy.FAMILY,
            HessianProxy.FAMILY,
            SigmaStarProxy.FAMILY,
            SharpnessProxy.FAMILY,
            WeightSpectrumProxy.FAMILY,
            WeightNormProxy.FAMILY,
            InputNoiseProxy.FAMILY,
            FaultProxy.FAMILY,
            FaultCurvatureProxy.FAMILY,
            HessianFaultProxy.FAMILY);

    /** For {@link java.util.ServiceLoader}. */
    public ProxyFamilies() {}

    public static ProxyFamily<?> named(String name) {
        for (ProxyFamily<?> f : ALL) if (f.name().equals(name)) return f;
        throw new NoSuchElementException("no proxy family '" + name + "'");
    }

    @Override
    public List<String> families() { return ALL.stream().map(ProxyFamily::name).toList(); }

    @Override
    public List<String> values(String family) { return named(family).values(); }

    @Override
    public List<String> proxies(String family) { return named(family).proxies(); }

    @Override
    public List<String> requires(String family) { return named(family).requires(); }

    @Override
    public List<String> defaults(DeploymentSpec deployment) {
        return ALL.stream().filter(f -> f.byDefault().test(deployment)).map(ProxyFamily::name).toList();
    }

    @Override
    public Map<String, Class<? extends Settings>> settingsBlocks() {
        Map<String, Class<? extends Settings>> out = new LinkedHashMap<>();
        for (ProxyFamily<?> f : ALL) if (f.settingsKey() != null) out.putIfAbsent(f.settingsKey(), f.settingsType());
        return out;
    }
}
