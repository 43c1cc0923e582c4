package dev.magpie.web.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rate-limit tier of an API handler, such as {@code @RateLimited(RateLimitTier.L)}; use the tier
 * Klaviyo documents for the same endpoint. On a method or its controller class; every handler under
 * {@code /api/**} must have one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RateLimited {

    /** The tier whose burst and steady limits apply. */
    RateLimitTier value();
}
