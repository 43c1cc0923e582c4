package dev.magpie.tracking.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
 * A JMH micro-benchmark of click tracking on a ~30 KB newsletter, side by side: {@link LinkRewriter#rewrite} (one
 * pass, {@link LinkTargets}) against parsing the message with jsoup, changing its links and writing it back, which
 * is what it replaced. Opt-in, for docs/performance.md: {@code ./mvnw test -Dtest=LinkTrackingBenchmark
 * -Dmagpie.tracking.benchmark=true} (JMH in the test's JVM, one thread).
 */
@EnabledIfSystemProperty(named = "magpie.tracking.benchmark", matches = "true")
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(0)
public class LinkTrackingBenchmark {

    private static final String PIXEL = "https://magpie.example/t/o/pixel";

    /** Every link redirected (the starter's targets are still Liquid), through a URL of a click token's length. */
    private static final Function<String, String> REDIRECT = target -> "https://magpie.example/t/c/"
            + "x".repeat(180);

    private String html;

    @Setup
    public void load() throws IOException {
        html = newsletter();
    }

    @Benchmark
    public String onePass() {
        return LinkRewriter.rewrite(html, REDIRECT, PIXEL);
    }

    @Benchmark
    public String jsoupDocument() {
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        for (Element link : document.select("a[href]")) {
            String target = REDIRECT.apply(link.attr("href").trim());
            if (target != null) {
                link.attr("href", target);
            }
        }
        document.body().appendElement("img").attr("src", PIXEL);
        return document.outerHtml();
    }

    @Test
    void tracksTheLinksOfA30KbNewsletter() throws Exception {
        String sample = newsletter();
        assertThat(sample.length()).isGreaterThan(28_000);
        assertThat(LinkRewriter.rewrite(sample, REDIRECT, PIXEL)).contains("https://magpie.example/t/c/xxx");

        Collection<RunResult> results = new Runner(new OptionsBuilder()
            .include(LinkTrackingBenchmark.class.getName() + ".")
            .build()).run();
        Map<String, Double> perSecond = new LinkedHashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            perSecond.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        System.out.printf("Click tracking of %,d characters of HTML on one thread: one pass %,.0f/s, jsoup document "
                + "%,.0f/s (%.1f times as fast)%n", sample.length(), perSecond.get("onePass"),
                perSecond.get("jsoupDocument"), perSecond.get("onePass") / perSecond.get("jsoupDocument"));
        assertThat(perSecond.values()).allMatch(rate -> rate > 0);
    }

    /** The newsletter starter with its body repeated to ~30 KB, links and all. */
    private static String newsletter() throws IOException {
        String starter;
        try (InputStream in = LinkTrackingBenchmark.class.getResourceAsStream("/content/starters/newsletter.html")) {
            starter = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = starter.substring(starter.indexOf("<body"), starter.indexOf("</body>"));
        body = body.substring(body.indexOf('>') + 1);
        StringBuilder html = new StringBuilder(starter.substring(0, starter.indexOf("</body>")));
        while (html.length() < 30_000) {
            html.append(body);
        }
        return html.append(starter.substring(starter.indexOf("</body>"))).toString();
    }
}
