package dev.plateau.robustness;

import dev.plateau.model.quant.QuantizedNetwork;
import java.util.SplittableRandom;

/** Post-training quantisation of the deployed weights from 8 down to 2 bits (per channel); deterministic. */
public record QuantisationSweep() implements NoiseFamily {
    @Override
    public String name() { return "ptq"; }

    @Override
    public double[] severities() { return new double[] {8, 6, 4, 3, 2}; }

    @Override
    public boolean random() { return false; }

    @Override
    public double metricUnder(Deployment d, double bits, SplittableRandom rng) {
        return d.metric(QuantizedNetwork.postTraining(d.network(), (int) bits, true), d.inputs());
    }
}
