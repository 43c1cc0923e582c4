package dev.magpie.content.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JMH micro-benchmark of how many personalised emails of about 30 KB one thread renders per second from a
 * compiled template (HTML with CSS already inlined, and the derived text part), for docs/performance.md. Opt-in:
 * {@code ./mvnw test -Dtest=TemplateRenderingBenchmark -Dmagpie.templates.benchmark=true}, which checks the output
 * once and then runs JMH inside the test's JVM (forking would need the test classpath spelled out; the figure is a
 * steady-state throughput, which one JVM measures well enough).
 */
@EnabledIfSystemProperty(named = "magpie.templates.benchmark", matches = "true")
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(0)
public class TemplateRenderingBenchmark {

    private static final int READERS = 100;

    private CompiledTemplate template;

    private List<RenderContext> readers;

    private int next;

    @Setup
    public void compile() {
        template = newsletter();
        readers = readers();
    }

    @Benchmark
    public RenderedMessage render() {
        next = (next + 1) % READERS;
        return template.render(readers.get(next), TemplateRenderingTests.ACCOUNT);
    }

    @Test
    void rendersA30KbPersonalisedEmail() throws Exception {
        RenderedMessage sample = newsletter().render(readers().get(7), TemplateRenderingTests.ACCOUNT);
        assertThat(sample.html()).contains("New for Reader7 in City7").contains("From our blog");
        assertThat(sample.html().length()).isGreaterThan(28_000);

        Collection<RunResult> results = new Runner(new OptionsBuilder()
            .include(TemplateRenderingBenchmark.class.getName() + ".render")
            .build()).run();
        double perSecond = results.iterator().next().getPrimaryResult().getScore();
        System.out.printf("Rendered messages of %,d bytes of HTML (+ %,d of text): %,.0f renders/s on one thread%n",
                sample.html().length(), sample.text().length(), perSecond);
        assertThat(perSecond).isPositive();
    }

    /** The newsletter starter grown to ~28 KB of HTML with about 50 personalised tags. */
    static CompiledTemplate newsletter() {
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
        return CompiledTemplate.compile(new TemplateContent("Hi {{ first_name }}", html, null));
    }

    private static List<RenderContext> readers() {
        List<RenderContext> contexts = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            Profile profile = new Profile("p" + i, "reader" + i + "@example.com", null, null, null, "Reader" + i,
                    "Lee", null, null, null, new Location(null, null, "City" + i, "PT", null, null, null, null, null),
                    Map.of("vip", i % 2 == 0), Map.of(), Instant.EPOCH, Instant.EPOCH);
            contexts.add(RenderContext.of(profile, "https://u.example/" + i, "https://p.example/" + i));
        }
        return contexts;
    }
}
