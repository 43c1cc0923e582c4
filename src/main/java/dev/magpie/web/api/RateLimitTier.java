package dev.magpie.web.api;

/**
 * Klaviyo's rate-limit tiers: a burst limit per second and a steady limit per minute, both counted in fixed
 * windows. Exceeding either answers 429.
 */
public enum RateLimitTier {

    /** 1/s burst, 15/m steady. */
    XS(1, 15),
    /** 3/s burst, 60/m steady. */
    S(3, 60),
    /** 10/s burst, 150/m steady. */
    M(10, 150),
    /** 75/s burst, 700/m steady. */
    L(75, 700),
    /** 350/s burst, 3500/m steady. */
    XL(350, 3500);

    private final int burstPerSecond;

    private final int steadyPerMinute;

    RateLimitTier(int burstPerSecond, int steadyPerMinute) {
        this.burstPerSecond = burstPerSecond;
        this.steadyPerMinute = steadyPerMinute;
    }

    /** Requests allowed in one second. */
    public int burstPerSecond() {
        return burstPerSecond;
    }

    /** Requests allowed in one minute. */
    public int steadyPerMinute() {
        return steadyPerMinute;
    }
}
