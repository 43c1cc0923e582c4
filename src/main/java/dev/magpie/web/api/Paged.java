package dev.magpie.web.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The page sizes of a list endpoint, on its {@link CursorPageRequest} parameter:
 * {@code @Paged(defaultSize = 20, maxSize = 100) CursorPageRequest page}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Paged {

    /** The size of a page when the request names none. */
    int defaultSize() default 20;

    /** The largest {@code page[size]} the endpoint accepts. */
    int maxSize() default 100;
}
