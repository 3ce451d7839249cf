package dev.plateau.space;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One training of a configuration: the spec, the seed gene, and the seeds derived from them (design
 * §2). The derivation is a fixed hash of (study seed, configId, seed), so an instance's result never
 * depends on scheduling, worker count or what was evaluated before it (Tribuo's replicable randomness).
 *
 * @param initSeed   weight initialisation (DL4J); never 0, which DL4J does not reproduce
 * @param sampleSeed training-sample subsampling and minibatch shuffling; also seeds the proxies
 */
public record Instance(CandidateSpec spec, int seed, long initSeed, long sampleSeed) {

    public Instance {
        Objects.requireNonNull(spec, "spec");
        if (seed < 1) throw new IllegalArgumentException("seed gene must be >= 1, got " + seed);
        if (initSeed == 0 || sampleSeed == 0) throw new IllegalArgumentException("derived seeds must be non-zero");
    }

    public static Instance of(long studySeed, CandidateSpec spec, int seed) {
        String configId = spec.configId();
        return new Instance(spec, seed, derive(studySeed, configId, seed, "init"), derive(studySeed, configId, seed, "sample"));
    }

    public String configId() { return spec.configId(); }

    /** Identifies the instance within its study: configId and seed. */
    public String key() { return configId() + "-s" + seed; }

    static long derive(long studySeed, String configId, int seed, String purpose) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(studySeed).putInt(seed).array());
            md.update((configId + "/" + purpose).getBytes(StandardCharsets.UTF_8));
            long v = ByteBuffer.wrap(md.digest()).getLong() & Long.MAX_VALUE;  // positive
            return v == 0 ? 1 : v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
