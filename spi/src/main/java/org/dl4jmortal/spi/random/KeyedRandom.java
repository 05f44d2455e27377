package org.dl4jmortal.spi.random;

import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Counter-keyed random draws (DESIGN.md §2 rule 4 and the DL4J notes): every draw is identified by a 64-bit key
 * mixed from (seed, layer, purpose, step, ...) and is a pure function of that key, whatever was drawn before, in
 * whatever thread. ND4J's global generator is never used ({@code init()} reseeds it).
 * <p>
 * Keys are mixed with SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014); the bulk draws use ND4J's native
 * counter-based generator re-seeded with the key before each draw, so a draw of {@code n} values costs one
 * native call.
 */
public final class KeyedRandom {
    private static final ThreadLocal<Random> GENERATOR =
            ThreadLocal.withInitial(() -> Nd4j.getRandomFactory().getNewRandomInstance(0L));

    private KeyedRandom() {
    }

    /**
     * SplitMix64's finaliser: a bijective avalanche mix of 64 bits.
     *
     * @param z any value
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Derives a key from a seed and a path of numeric parts.
     *
     * @param seed  the 64-bit seed of the chip, layer or run
     * @param parts further parts (step, row, tile, ...), order matters
     * @return the key
     */
    public static long key(long seed, long... parts) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x632be59bd9b4e019L));
        }
        return h;
    }

    /**
     * Derives a key from a seed, a label (layer name, purpose) and numeric parts.
     *
     * @param seed  the 64-bit seed
     * @param label a label such as {@code "layer1/programming"}
     * @param parts further numeric parts
     * @return the key
     */
    public static long key(long seed, String label, long... parts) {
        long h = seed;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h * 31 + b);
        }
        return key(h, parts);
    }

    /**
     * @param key   a key from {@link #key}
     * @param type  floating point data type of the result
     * @param shape the shape
     * @return standard normal values {@code N(0, 1)} of that shape, a pure function of (key, shape)
     */
    public static INDArray gaussian(long key, DataType type, long... shape) {
        INDArray out = Nd4j.createUninitialized(type, shape);
        Random r = generator(key);
        Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, 1.0), r);
        return out;
    }

    /**
     * @param key   a key from {@link #key}
     * @param type  floating point data type of the result
     * @param shape the shape
     * @return values uniform on {@code [0, 1)} of that shape, a pure function of (key, shape)
     */
    public static INDArray uniform(long key, DataType type, long... shape) {
        INDArray out = Nd4j.createUninitialized(type, shape);
        Random r = generator(key);
        Nd4j.getExecutioner().exec(new UniformDistribution(out, 0.0, 1.0), r);
        return out;
    }

    private static Random generator(long key) {
        Random r = GENERATOR.get();
        r.setSeed(key);
        return r;
    }
}
