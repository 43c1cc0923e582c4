package dev.magpie.deliverability.internal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * Settings of deliverability.
 *
 * @param publicUrl the address recipients reach Magpie at, such as {@code https://magpie.example.com}, which
 *        unsubscribe links start with; unset, links made while answering a request use that request's address,
 *        and links made elsewhere (the sending pipeline) use {@code http://localhost:8080}
 * @param unsubscribeMailbox the address of {@code mailto:} unsubscribe links
 */
@ConfigurationProperties("magpie.deliverability")
record DeliverabilityProperties(@Nullable URI publicUrl,
        @DefaultValue("unsubscribe@magpie.local") String unsubscribeMailbox) {
}
