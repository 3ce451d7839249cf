package dev.plateau.landscape;

import dev.plateau.space.Task;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.ProxySettings;

/**
 * What a study tells every proxy family when it is built: the deployment noise model, the task, and
 * the weight noise the weight-space probes take — the deployment's when it declares weight noise,
 * else the noise-curvature settings' geometry and level.
 */
public record ProxyContext(DeploymentSpec deployment, Task task, int classes, NoiseGeometry geometry, double sigma) {

    public static ProxyContext of(ProxySettings settings, DeploymentSpec deployment, Task task, int classes) {
        var curvature = settings.block(NoiseCurvatureProxy.Settings.class);
        var declared = deployment.weightNoise();
        return new ProxyContext(deployment, task, classes, declared != null ? declared.geometry() : curvature.geometry(),
                declared != null ? declared.level() : curvature.sigma());
    }

    /** The input-noise level probes use: the deployment's, else 0.1 feature scales. */
    public double inputNoiseLevel() { return deployment.inputNoise() != null ? deployment.inputNoise().level() : 0.1; }

    /** The loss of a destroyed model, which predicts no better than the mean (standardised MSE 1) or a uniform guess. */
    public double destroyedLoss() { return task == Task.CLASSIFICATION ? Math.log(classes) : 1.0; }

    /** Expected bit flips in a network of {@code parameters} weights stored with {@code bits} bits (1 without a fault model). */
    public double expectedFlips(long parameters, int bits) {
        return deployment.faults() == null ? 1 : deployment.faults().expectedFlips(parameters, bits);
    }
}
