package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole study as configured in YAML: data, genes and their ranges, search settings, proxies and the
 * study seed. Read with {@link SearchSpaceLoader}; every field has a default, and the resolved space
 * (defaults filled, dataset paths absolute) is written back as the study's {@code study.yaml}.
 */
public record SearchSpace(
        @JsonProperty("study") StudySettings study,
        @JsonProperty("dataset") DatasetSpec dataset,
        @JsonProperty("architecture") ArchitectureSpace architecture,
        @JsonProperty("training") TrainingSpace training,
        @JsonProperty("precision") PrecisionSpace precision,
        @JsonProperty("regularizers") RegularizerSpace regularizers,
        @JsonProperty("search") SearchSettings search,
        @JsonProperty("proxy") ProxySettings proxy,
        @JsonProperty("racing") RacingSettings racing,
        @JsonProperty("deployment") DeploymentSpec deployment) {

    public SearchSpace {
        if (study == null) study = new StudySettings(null, null);
        if (architecture == null) architecture = new ArchitectureSpace(null, null, null, null, null, null, null, null, null);
        if (training == null) training = new TrainingSpace(null, null, null, null, null);
        if (precision == null) precision = new PrecisionSpace(null, null, null, null);
        if (regularizers == null) regularizers = RegularizerSpace.none();
        if (search == null) search = new SearchSettings(null, null, null, null, null, null, null, null, null);
        if (proxy == null) proxy = ProxySettings.defaults();
        if (deployment == null) deployment = DeploymentSpec.none();
        if (racing == null) racing = new RacingSettings(null, null, null, null, null);
    }

    /** Checks every value; throws {@link SpaceViolation} naming the first bad field. */
    void validate(Path baseDir) {
        study.validate("/study");
        SpaceViolation.require(dataset != null, "/dataset", "is missing", "add a dataset: block with calo: or csv:");
        dataset.validate("/dataset", baseDir);
        architecture.validate("/architecture", dataset.source());
        training.validate("/training");
        precision.validate("/precision", architecture.activations());
        regularizers.validate("/regularizers");
        search.validate("/search");
        proxy.validate("/proxy");
        racing.validate("/racing");
        deployment.validate("/deployment");
        List<String> metrics = new ArrayList<>(Metric.labels());
        metrics.addAll(proxy.values(deployment));
        for (int i = 0; i < search.objectives().size(); i++) {
            String name = search.objectives().get(i).name();
            var deployed = Metric.find(name).filter(m -> m == Metric.DEPLOYED_METRIC || Metric.deployedParts().contains(m));
            if (deployed.isPresent()) {
                SpaceViolation.require(deployed.get().declaredBy(deployment) && deployment.declaresAny(), "/search/objectives/" + i + "/name",
                        "'" + name + "' is the task metric under a declared disturbance, and the deployment declares none for it",
                        "declare it under deployment: (weight_noise, faults or input_noise)");
                List<Metric> parts = deployed.get() == Metric.DEPLOYED_METRIC ? Metric.deployedParts() : List.of(deployed.get());
                for (Metric part : parts)
                    SpaceViolation.require(!part.declaredBy(deployment) || proxy.values(deployment).contains(part.risePredictor()),
                            "/search/objectives/" + i + "/name", "'" + name + "' needs '" + part.risePredictor() + "', which is not computed",
                            "add its family to proxy.compute (or leave proxy.compute out: the deployment's families are computed by default)");
            }
            ProxyVocabulary vocabulary = ProxyVocabulary.installed();
            boolean proxyValue = vocabulary.families().stream().anyMatch(f -> vocabulary.values(f).contains(name));
            SpaceViolation.require(metrics.contains(name), "/search/objectives/" + i + "/name",
                    proxyValue ? "proxy '" + name + "' is not computed" : "'" + name + "' is not a metric",
                    proxyValue ? "add its family to proxy.compute" : "use one of " + metrics);
        }
    }

    /** This space with defaults that depend on other fields filled in, and paths made absolute. */
    SearchSpace resolved(Path baseDir) {
        return new SearchSpace(study, dataset.resolved(study.seed(), baseDir), architecture, training, precision, regularizers, search, proxy, racing, deployment);
    }

    public SearchSpace withSeed(long seed) {
        return new SearchSpace(new StudySettings(study.name(), seed), dataset, architecture, training, precision, regularizers, search, proxy, racing, deployment);
    }

    public SearchSpace withWorkers(int workers) { return withSearch(search.withWorkers(workers)); }

    public SearchSpace withSearch(SearchSettings settings) {
        return new SearchSpace(study, dataset, architecture, training, precision, regularizers, settings, proxy, racing, deployment);
    }

    public SearchSpace withRacing(RacingSettings settings) {
        return new SearchSpace(study, dataset, architecture, training, precision, regularizers, search, proxy, settings, deployment);
    }
}
