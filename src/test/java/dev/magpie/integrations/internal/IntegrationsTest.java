package dev.magpie.integrations.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * An end-to-end test of the integrations against the real engines: one application context for every such test
 * class, with {@link TestStores} to autowire. The browser API's rate limit is the small S tier (3/s) so that a
 * test can reach it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "magpie.integrations.client-rate-limit=S")
@AutoConfigureMockMvc
@Import(TestStores.class)
public @interface IntegrationsTest {
}
