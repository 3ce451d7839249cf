package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Settings of the flatness proxies computed for every candidate. */
public record ProxySettings(@JsonProperty("noise_curvature") NoiseCurvatureSettings noiseCurvature) {
    public ProxySettings {
        if (noiseCurvature == null) noiseCurvature = new NoiseCurvatureSettings(null, null, null, null);
    }

    void validate(String at) { noiseCurvature.validate(at + "/noise_curvature"); }
}
