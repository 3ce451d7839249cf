package dev.plateau.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plateau.InputException;
import dev.plateau.data.InputSchema;
import dev.plateau.data.OutputDomain;
import dev.plateau.exec.InstanceResult;
import dev.plateau.model.DeployedModel;
import dev.plateau.model.Resources;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.store.Study;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An export folder: one Pareto configuration's representative model in every form a hardware flow or
 * another program reads — {@value #QONNX} (hls4ml, FINN), {@value #ONNX} (any ONNX runtime),
 * {@value #ZIP} (plain DL4J, and {@code plateau predict}), {@value #WEIGHTS} (hand-written HLS/RTL) —
 * and its model card ({@value #CARD}, {@value #CARD_TEXT}). Written into a temporary folder beside the
 * target and renamed into place, so a failed export leaves nothing half-written.
 */
public final class ModelExport {
    public static final String QONNX = "model.qonnx.onnx", ONNX = "model.onnx", ZIP = "model.zip", WEIGHTS = "weights.json",
            CARD = "model-card.json", CARD_TEXT = "MODEL_CARD.md";
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelExport() {}

    /**
     * @param force replace {@code out} if it exists
     * @throws InputException when {@code out} exists (without force) or the member's model is missing
     */
    public static void write(Study study, Study.ArchiveMember member, String pickedBy, Path out, boolean force) throws IOException {
        if (Files.exists(out) && !force) throw InputException.ofOption("--out", out + " exists", "choose another folder, or add --force to replace it");
        if (!Files.isRegularFile(member.modelFile()))
            throw InputException.at(member.modelFile(), 0, null, "model file missing", "resume the study to write its models");
        DeployedModel model = DeployedModel.read(member.modelFile());
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".export-");
        try {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("config_id", member.configId());
            metadata.put("study", study.dir().toAbsolutePath().normalize().toString());
            if (study.provenance() != null) metadata.put("code_version", String.valueOf(study.provenance().codeVersion()));
            Files.copy(member.modelFile(), tmp.resolve(ZIP));
            Files.write(tmp.resolve(ONNX), OnnxExport.of(model, OnnxExport.Form.FLOAT, metadata).toByteArray());
            Files.write(tmp.resolve(QONNX), OnnxExport.of(model, OnnxExport.Form.QONNX, metadata).toByteArray());
            JSON.writeValue(tmp.resolve(WEIGHTS).toFile(), WeightsFile.of(model));
            ObjectNode card = card(study, member, model, pickedBy);
            JSON.writeValue(tmp.resolve(CARD).toFile(), card);
            Files.writeString(tmp.resolve(CARD_TEXT), cardText(card, model));
            if (Files.exists(out)) delete(out);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmp)) delete(tmp);
        }
    }

    /** The study's model card of the member, completed with what a deployment needs. */
    static ObjectNode card(Study study, Study.ArchiveMember member, DeployedModel model, String pickedBy) throws IOException {
        Path saved = member.modelFile().resolveSibling(member.configId() + ".model-card.json");
        ObjectNode card = JSON.createObjectNode();
        card.put("config_id", member.configId());
        card.put("picked_by", pickedBy);
        card.put("study", study.dir().toAbsolutePath().normalize().toString());
        card.set("objectives", JSON.valueToTree(member.objectives()));
        if (Files.isRegularFile(saved)) card.setAll((ObjectNode) JSON.readTree(saved.toFile()));
        card.remove("configId");  // the saved card's name of config_id
        Study.Configuration c = study.configuration(member.configId()).orElseThrow();
        List<InstanceResult> ok = c.instances().stream().filter(InstanceResult::ok).toList();
        Map<String, Object> instances = new LinkedHashMap<>();
        instances.put("trained", c.instances().size());
        instances.put("ok", ok.size());
        for (String what : List.of("val_metric", "test_metric", "val_loss")) {
            double[] v = ok.stream().mapToDouble(r -> what.equals("val_metric") ? r.valMetric() : what.equals("test_metric") ? r.testMetric() : r.valLoss()).toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1));
            instances.put(what, Map.of("mean", mean, "std", v.length > 1 ? sd : 0, "n", v.length));
        }
        card.set("instance_statistics", JSON.valueToTree(instances));
        InstanceResult representative = study.representative(member);
        Resources r = representative.resources();
        card.set("resources", JSON.valueToTree(Map.of("params", r.params(), "macs", r.macs(), "weight_bits", r.weightWidth(),
                "activation_bits", r.activationWidth(), "weight_memory_bits", r.weightBits(), "bops", r.bops())));
        card.set("deployment", JSON.valueToTree(study.space().deployment()));
        Map<String, Object> robustness = new LinkedHashMap<>();
        robustness.put("predicted", representative.proxies());
        List<RobustnessTest.Curve> verified = study.verification().get(member.configId());
        robustness.put("measured", verified == null ? "not verified: run plateau verify on the study" : verified);
        card.set("robustness", JSON.valueToTree(robustness));
        card.set("input", JSON.valueToTree(model.input()));
        card.set("output", JSON.valueToTree(model.output()));
        card.set("deployed_form", JSON.valueToTree(Map.of("post_training", model.integers().postTraining(), "weight_bits", model.integers().weightBits(),
                "quantised_activations", model.integers().activations().size())));
        if (study.provenance() != null) card.set("provenance", JSON.valueToTree(study.provenance()));
        card.set("files", JSON.valueToTree(files(model.input(), model.output())));
        return card;
    }

    private static Map<String, String> files(InputSchema in, OutputDomain out) {
        Map<String, String> files = new LinkedHashMap<>();
        String io = "input '" + OnnxExport.inputName(in) + "' [N, " + in.features().size() + "] raw feature values; output '" + OnnxExport.outputName(out) + "'";
        files.put(QONNX, "QONNX for hls4ml/FINN (Quant nodes, domain " + OnnxExport.QONNX_DOMAIN + "); runs in ONNX Runtime too; " + io);
        files.put(ONNX, "float ONNX, standard operators; " + io);
        files.put(ZIP, "DL4J ModelSerializer zip (stock layers; schema in plateau-deployed-model.json); plateau predict model.zip --data rows.csv");
        files.put(WEIGHTS, "integer weights, scales, biases and activation quantisers per layer, for hand-written HLS/RTL");
        return files;
    }

    private static String cardText(ObjectNode card, DeployedModel model) {
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(card.path("config_id").asText()).append("\n\n");
        md.append("Picked by `--pick ").append(card.path("picked_by").asText()).append("` from the Pareto set of the study `")
                .append(card.path("study").asText()).append("`.\n\n");
        md.append("- Configuration: `").append(card.path("configuration").asText()).append("`\n");
        md.append("- Seeds of this instance: seed ").append(card.path("seed").asText()).append(", init ").append(card.path("initSeed").asText())
                .append(", sample ").append(card.path("sampleSeed").asText()).append("\n");
        JsonNode stats = card.path("instance_statistics");
        boolean spread = stats.path("ok").asInt() > 1;
        md.append(String.format(Locale.ROOT, "- Instances: %d trained, %d ok; validation metric %.5g%s, test metric %.5g%s%n",
                stats.path("trained").asInt(), stats.path("ok").asInt(), stats.path("val_metric").path("mean").asDouble(),
                spread ? String.format(Locale.ROOT, " ± %.2g", stats.path("val_metric").path("std").asDouble()) : "",
                stats.path("test_metric").path("mean").asDouble(),
                spread ? String.format(Locale.ROOT, " ± %.2g", stats.path("test_metric").path("std").asDouble()) : " (one instance: no spread)"));
        md.append("- This model's metrics: ").append(card.path("metrics")).append("\n");
        JsonNode res = card.path("resources");
        md.append(String.format(Locale.ROOT, "- Resources: %d parameters, %d MACs, %d-bit weights, %d-bit activations, %d BOPs%n",
                res.path("params").asLong(), res.path("macs").asLong(), res.path("weight_bits").asInt(), res.path("activation_bits").asInt(), res.path("bops").asLong()));
        JsonNode deployment = card.path("deployment");
        boolean declared = false;
        for (JsonNode v : deployment) declared |= !v.isNull();
        md.append("- Deployment declared: ").append(declared ? deployment.toString() : "none (the study declares no deployment noise model)").append("\n");
        JsonNode measured = card.path("robustness").path("measured");
        md.append("- Robustness measured (plateau verify): ").append(measured.isTextual() ? measured.asText() : measured.size() + " noise families, see model-card.json")
                .append("\n\n");
        md.append("## Input and output\n\n");
        List<String> features = model.input().features();
        String order = features.size() <= 16 ? String.join(", ", features)
                : String.join(", ", features.subList(0, 4)) + ", …, " + features.get(features.size() - 1) + " (all in model-card.json, input.features)";
        md.append("Input `").append(OnnxExport.inputName(model.input())).append("`: raw values of ").append(features.size())
                .append(" features, in this order: ").append(order).append(". The standardisation is inside the files.\n\n");
        md.append("Output `").append(OnnxExport.outputName(model.output())).append("`: ")
                .append(model.output().task() == dev.plateau.space.Task.CLASSIFICATION ? "probabilities of the classes " + String.join(", ", model.output().classLabels())
                        : String.join(", ", model.output().targetNames()) + (model.output().units() == null ? "" : " in " + String.join(", ", model.output().units())))
                .append(".\n\n## Files\n\n");
        card.path("files").fields().forEachRemaining(e -> md.append("- `").append(e.getKey()).append("`: ").append(e.getValue().asText()).append("\n"));
        md.append("\nTo run: `plateau predict ").append(ZIP).append(" --data rows.csv` (add `--deployed` for the integer form); in Python, ")
                .append("`onnxruntime.InferenceSession('model.onnx').run(None, {'").append(OnnxExport.inputName(model.input())).append("': rows})`. ")
                .append("For hls4ml and FINN see the project's docs/export.md.\n");
        return md.toString();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
