package dev.plateau.landscape;

import dev.plateau.model.quant.IntegerForm;
import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.train.TrainingCost;
import java.util.Map;

/**
 * What one measurement of one family on one trained network knows beyond the loss surface.
 *
 * @param seed       the family's own random stream (derived from the instance seed and the family name)
 * @param training   the candidate's training work, which budgets the direct risk test (null: no budget)
 * @param quantizer  the weight quantiser the network is deployed with (its QAT quantiser, or 8 bits per channel for a float network)
 * @param expectedFlips the deployment's expected bit flips in this network (a rate scales with its size and bits; 1 without a fault model)
 * @param earlier    values already measured on this network by the families this one needs
 */
public record MeasureContext(long seed, TrainingCost training, SymmetricQuantizer quantizer, double expectedFlips,
                             Map<String, ProxyValue> earlier) {
    public MeasureContext {
        earlier = Map.copyOf(earlier);
    }

    /** A float network deployed at 8 bits per channel, with no training budget and nothing measured before. */
    public static MeasureContext seed(long seed) {
        return new MeasureContext(seed, null, IntegerForm.POST_TRAINING, 1, Map.of());
    }

    MeasureContext forFamily(long familySeed, Map<String, ProxyValue> measured) {
        return new MeasureContext(familySeed, training, quantizer, expectedFlips, measured);
    }
}
