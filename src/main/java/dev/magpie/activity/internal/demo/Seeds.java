package dev.magpie.activity.internal.demo;

import java.util.List;
import java.util.SplittableRandom;

/** Independent random streams for each shopper and session, so any of them can be made again on its own. */
final class Seeds {

    private Seeds() {
    }

    /** A generator for item {@code index} of the stream {@code salt}, determined by the run's {@code seed}. */
    static SplittableRandom random(long seed, long salt, long index) {
        return new SplittableRandom(mix(seed ^ mix(salt * 0x9E3779B97F4A7C15L + index)));
    }

    static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    /** The SplitMix64 finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
