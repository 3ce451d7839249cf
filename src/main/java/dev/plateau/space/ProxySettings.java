package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's {@code proxy:} section: which flatness-proxy families every candidate gets
 * ({@code compute}) and the settings blocks they read, each with its defaults filled in. The families,
 * their values and their blocks are declared by the families themselves ({@link ProxyVocabulary});
 * this record only holds what a study chose. When {@code compute} is not given the families follow
 * the deployment noise model ({@link ProxyVocabulary#defaults}).
 *
 * @param compute the families asked for, or null for the defaults
 * @param blocks  every settings block of the vocabulary, by key, defaults filled
 */
public record ProxySettings(List<String> compute, Map<String, ProxyVocabulary.Settings> blocks) {
    private static final String COMPUTE = "compute";

    public ProxySettings {
        compute = compute == null ? null : List.copyOf(compute);
        Map<String, ProxyVocabulary.Settings> all = new LinkedHashMap<>();
        // the vocabulary's order, so the written study.yaml and equality do not depend on the input's order
        for (var e : ProxyVocabulary.installed().settingsBlocks().entrySet()) {
            ProxyVocabulary.Settings given = blocks == null ? null : blocks.get(e.getKey());
            all.put(e.getKey(), given != null ? given : SearchSpaceLoader.block(JsonNodeFactory.instance.objectNode(), e.getValue(), "/proxy/" + e.getKey()));
        }
        if (blocks != null)
            for (String key : blocks.keySet())
                if (!all.containsKey(key)) throw new IllegalArgumentException("no proxy settings block '" + key + "'");
        blocks = java.util.Collections.unmodifiableMap(all);
    }

    /** Every block at its defaults; the families follow the deployment. */
    public static ProxySettings defaults() { return new ProxySettings(null, null); }

    /** Reads the YAML mapping strictly: unknown keys and bad values are {@link SpaceViolation}s below {@code /proxy}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ProxySettings fromYaml(Map<String, JsonNode> yaml) {
        Map<String, Class<? extends ProxyVocabulary.Settings>> known = ProxyVocabulary.installed().settingsBlocks();
        List<String> compute = null;
        Map<String, ProxyVocabulary.Settings> blocks = new LinkedHashMap<>();
        for (var e : yaml.entrySet()) {
            String at = "/proxy/" + e.getKey();
            if (e.getKey().equals(COMPUTE)) {
                JsonNode list = e.getValue();
                SpaceViolation.require(list != null && list.isArray(), at, "expected a list of proxy families", "write e.g. compute: [noise_curvature, hessian]");
                compute = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    SpaceViolation.require(list.get(i).isTextual(), at + "/" + i, "expected a family name, got " + list.get(i),
                            "use some of " + ProxyVocabulary.installed().families());
                    compute.add(list.get(i).asText());
                }
            } else if (known.containsKey(e.getKey())) {
                blocks.put(e.getKey(), SearchSpaceLoader.block(e.getValue(), known.get(e.getKey()), at));
            } else {
                List<String> keys = new ArrayList<>(List.of(COMPUTE));
                keys.addAll(known.keySet());
                throw new SpaceViolation(at, "unknown key '" + e.getKey() + "'", "known keys here: " + String.join(", ", keys.stream().sorted().toList()));
            }
        }
        return new ProxySettings(compute, blocks);
    }

    @JsonValue
    Map<String, Object> toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (compute != null) out.put(COMPUTE, compute);
        out.putAll(blocks);
        return out;
    }

    /** The settings block of type {@code type}. */
    public <S extends ProxyVocabulary.Settings> S block(Class<S> type) {
        for (ProxyVocabulary.Settings s : blocks.values()) if (type.isInstance(s)) return type.cast(s);
        throw new IllegalArgumentException("no proxy settings block of type " + type.getSimpleName());
    }

    /** These settings with {@code replacement} in place of the block of its type. */
    public ProxySettings with(ProxyVocabulary.Settings replacement) {
        Map<String, ProxyVocabulary.Settings> out = new LinkedHashMap<>(blocks);
        out.replaceAll((key, old) -> old.getClass() == replacement.getClass() ? replacement : old);
        return new ProxySettings(compute, out);
    }

    /** These settings computing {@code families} (null: the deployment's defaults). */
    public ProxySettings computing(List<String> families) { return new ProxySettings(families, blocks); }

    /** The families computed for every candidate under a deployment noise model. */
    public List<String> families(DeploymentSpec deployment) {
        return compute != null ? compute : ProxyVocabulary.installed().defaults(deployment);
    }

    /** Every value name the computed families produce. */
    public List<String> values(DeploymentSpec deployment) {
        return families(deployment).stream().flatMap(f -> ProxyVocabulary.installed().values(f).stream()).toList();
    }

    void validate(String at) {
        ProxyVocabulary vocabulary = ProxyVocabulary.installed();
        blocks.forEach((key, block) -> block.validate(at + "/" + key));
        if (compute == null) return;
        for (int i = 0; i < compute.size(); i++) {
            String family = compute.get(i);
            SpaceViolation.require(vocabulary.families().contains(family), at + "/compute/" + i, "'" + family + "' is not a proxy family",
                    "use some of " + vocabulary.families().stream().sorted().toList());
            for (String needed : vocabulary.requires(family))
                SpaceViolation.require(compute.contains(needed), at + "/compute", family + " falls back on " + needed + ", which is not computed",
                        "add " + needed + " to compute");
        }
    }
}
