package dev.magpie.web.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes an API handler needs, in Klaviyo's notation, such as {@code @RequiresScope("accounts:read")}.
 * A key without them gets 403 {@code permission_denied}. On a method or its controller class; every handler
 * under {@code /api/**} must have one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresScope {

    /** Every one of these scopes is needed. */
    String[] value();
}
