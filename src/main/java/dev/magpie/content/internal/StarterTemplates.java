package dev.magpie.content.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The templates a new one can start from (in {@code content/starters/}): responsive, table-based layouts for a
 * welcome email, a newsletter, a product promotion and an abandoned cart, already personalised.
 */
@Component
class StarterTemplates {

    private final List<Starter> starters = List.of(
            load("welcome", "Welcome", "Welcome to {{ organization.name | default: \"our store\" }}, {{ first_name | default: \"friend\" }}!"),
            load("newsletter", "Newsletter", "What's new at {{ organization.name | default: \"our store\" }}"),
            load("product-promotion", "Product promotion", "{{ first_name | default: \"Hey\" }}, 20% off this week"),
            load("abandoned-cart", "Abandoned cart", "{{ first_name | default: \"Hi\" }}, you left something in your cart"));

    List<Starter> all() {
        return starters;
    }

    Optional<Starter> find(String key) {
        return starters.stream().filter(starter -> starter.key().equals(key)).findFirst();
    }

    private static Starter load(String key, String name, String subject) {
        try (InputStream in = new ClassPathResource("content/starters/" + key + ".html").getInputStream()) {
            return new Starter(key, name, subject, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException missing) {
            throw new UncheckedIOException(missing);
        }
    }

    /** A starter: its key, name, subject and HTML. */
    record Starter(String key, String name, String subject, String html) {
    }
}
