package dev.plateau.robustness;

import dev.plateau.model.quant.IntegerForm;
import dev.plateau.model.quant.SymmetricQuantizer;
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
        return d.metric(IntegerForm.postTraining(d.network(), new SymmetricQuantizer((int) bits, true)).dequantised(d.network()), d.inputs());
    }
}
