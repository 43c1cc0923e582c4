package dev.magpie.content.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many personalised emails of about 30 KB one thread renders per second from a compiled template (HTML with
 * CSS already inlined, and the derived text part), for docs/performance.md. Opt-in:
 * {@code ./mvnw test -Dtest=TemplateRenderingBenchmark -Dmagpie.templates.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "magpie.templates.benchmark", matches = "true")
class TemplateRenderingBenchmark {

    private static final long WARM_UP_NANOS = 5_000_000_000L;

    private static final long MEASURE_NANOS = 10_000_000_000L;

    @Test
    void rendersA30KbPersonalisedEmail() throws Exception {
        String starter = new StarterTemplates().find("newsletter").orElseThrow().html();
        StringBuilder section = new StringBuilder();
        int body = starter.indexOf("<tr>\n          <td style=\"padding: 0 32px 16px 32px;\">");
        int end = starter.indexOf("<tr>\n          <td class=\"content\" style=\"padding-top: 0;\">");
        String block = starter.substring(body, end);
        while (section.length() < 27_000) {
            section.append(block.replace("New arrivals", "New for {{ first_name | default: 'you' }} in {{ person.location.city }}")
                .replace("From our blog", "{% if person.properties.vip %}VIP picks{% else %}From our blog{% endif %}"));
        }
        String html = starter.substring(0, end) + section + starter.substring(end);
        CompiledTemplate template = CompiledTemplate.compile(new TemplateContent("Hi {{ first_name }}", html, null));
        List<RenderContext> contexts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Profile profile = new Profile("p" + i, "reader" + i + "@example.com", null, null, null, "Reader" + i,
                    "Lee", null, null, null, new Location(null, null, "City" + i, "PT", null, null, null, null, null),
                    Map.of("vip", i % 2 == 0), Map.of(), Instant.EPOCH, Instant.EPOCH);
            contexts.add(RenderContext.of(profile, "https://u.example/" + i, "https://p.example/" + i));
        }
        RenderedMessage sample = template.render(contexts.get(7), TemplateRenderingTests.ACCOUNT);
        assertThat(sample.html()).contains("New for Reader7 in City7").contains("From our blog");
        run(template, contexts, WARM_UP_NANOS);
        long start = System.nanoTime();
        long renders = run(template, contexts, MEASURE_NANOS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Rendered %,d messages of %,d bytes of HTML (+ %,d of text) in %.1f s: %,.0f renders/s on one thread%n",
                renders, sample.html().length(), sample.text().length(), seconds, renders / seconds);
        assertThat(sample.html().length()).isGreaterThan(28_000);
        assertThat(renders).isPositive();
    }

    private static long run(CompiledTemplate template, List<RenderContext> contexts, long nanos) {
        long until = System.nanoTime() + nanos;
        long renders = 0;
        long bytes = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 100; i++) {
                bytes += template.render(contexts.get(i), TemplateRenderingTests.ACCOUNT).html().length();
            }
            renders += 100;
        }
        return bytes > 0 ? renders : 0;
    }
}
