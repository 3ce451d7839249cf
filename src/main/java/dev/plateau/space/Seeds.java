package dev.plateau.space;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Named random streams: the seed of stream {@code name} under {@code seed} is a fixed hash of both, so
 * each proxy family or noise family draws from a stream of its own — adding, removing or reordering
 * families never changes another family's values (Tribuo's replicable randomness, as in
 * {@link Instance}).
 */
public final class Seeds {
    private Seeds() {}

    /** A non-zero seed for stream {@code name} under {@code seed}. */
    public static long derive(long seed, String name) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            md.update(name.getBytes(StandardCharsets.UTF_8));
            long v = ByteBuffer.wrap(md.digest()).getLong() & Long.MAX_VALUE;
            return v == 0 ? 1 : v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
