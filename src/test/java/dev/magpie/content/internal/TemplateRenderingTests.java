package dev.magpie.content.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.tenancy.AccountView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates compile and render for a profile: personalisation, escaping, inlined CSS, the derived text part. */
class TemplateRenderingTests {

    static final AccountView ACCOUNT = new AccountView("acc", "Tern Teas", "pub", "UTC", "EUR", "en",
            "https://tern.example", "Tern", "hello@tern.example", false, Instant.EPOCH);

    static Profile profile(String firstName, Map<String, Object> properties) {
        return new Profile("p1", "ana@tea.example", null, null, null, firstName, "Lee", null, null, null,
                new Location(null, null, "Porto", "PT", null, null, null, null, null), properties, Map.of(),
                Instant.EPOCH, Instant.EPOCH);
    }

    static RenderedMessage render(TemplateContent content, Profile profile, Map<String, Object> event) {
        return CompiledTemplate.compile(content)
            .render(new RenderContext(profile, event, "https://u.example/x?a=1&b=2", "https://p.example"), ACCOUNT);
    }

    @Test
    void personalisesWithProfileFieldsPropertiesEventAndAccount() {
        RenderedMessage message = render(new TemplateContent("Hi {{ first_name | default: 'there' }}",
                "<p>{{ person.first_name }} from {{ person.location.city }} likes {{ person.properties.tea }}; "
                        + "{{ event.item }} at {{ organization.name }} <a href=\"{{ unsubscribe_url }}\">out</a></p>",
                null), profile("Ana", Map.of("tea", "Oolong")), Map.of("item", "Sencha"));
        assertThat(message.subject()).isEqualTo("Hi Ana");
        assertThat(message.html()).contains("Ana from Porto likes Oolong; Sencha at Tern Teas")
            .contains("href=\"https://u.example/x?a=1&amp;b=2\"");
        assertThat(message.text()).contains("Ana from Porto likes Oolong; Sencha at Tern Teas out (https://u.example/x?a=1&b=2)");
    }

    /**
     * The send workers render one campaign's template side by side: each render must see its own recipient only
     * (liqp's templates keep a render's variables in a field, so a shared one mixed recipients up).
     */
    @Test
    void oneTemplateRendersForManyRecipientsAtOnceEachWithItsOwnData() throws Exception {
        CompiledTemplate template = CompiledTemplate.compile(new TemplateContent("For {{ first_name | upcase }}",
                "<p>{% for tea in person.properties.teas %}{{ tea }} for {{ first_name }}; {% endfor %}"
                        + "{% if person.properties.teas.size > 1 %}{{ first_name | append: '!' }}{% endif %}</p>",
                null));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> mixedUp = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "Reader" + t;
                Profile profile = profile(name, Map.of("teas", List.of("Sencha", "Oolong")));
                mixedUp.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        RenderedMessage message = template.render(RenderContext.of(profile, null, null), ACCOUNT);
                        if (!message.subject().equals("For " + name.toUpperCase())
                                || !message.html().contains("<p>Sencha for %1$s; Oolong for %1$s; %1$s!</p>"
                                    .formatted(name))) {
                            wrong.add(message.subject() + " " + message.html());
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> renders : mixedUp) {
                assertThat(renders.get()).isEmpty();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingValuesRenderEmptyOrTheirDefault() {
        RenderedMessage message = render(new TemplateContent("Hi {{ first_name | default: 'there' }}!",
                "<p>[{{ person.properties.nothing }}] {{ event.missing.deeper }}</p>", null), profile(null, Map.of()),
                Map.of());
        assertThat(message.subject()).isEqualTo("Hi there!");
        assertThat(message.html()).contains("<p>[] </p>");
    }

    @Test
    void profileValuesCannotAddMarkup() {
        RenderedMessage message = render(new TemplateContent(null, "<p>{{ first_name }}</p>", null),
                profile("<script>x</script>", Map.of()), Map.of());
        assertThat(message.html()).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
        assertThat(message.text()).contains("<script>x</script>");
    }

    @Test
    void templatesCannotReachJavaObjects() {
        RenderedMessage message = render(new TemplateContent("[{{ first_name.class }}]",
                "<p>[{{ first_name.class }}{{ first_name.bytes }}{{ organization.getClass }}{{ person.properties.class.name }}]</p>",
                null), profile("Ana", Map.of("tea", "Oolong")), Map.of());
        assertThat(message.subject()).isEqualTo("[]");
        assertThat(message.html()).contains("<p>[]</p>");
    }

    @Test
    void cssIsInlinedByTheCascadeAndMediaQueriesStay() {
        RenderedMessage message = render(new TemplateContent(null, """
                <html><head><style>
                p { color: red; font-size: 14px }
                .lead { color: blue }
                #top.lead { color: green }
                a:hover { color: pink }
                @media (max-width: 600px) { .lead { font-size: 18px } }
                </style></head><body>
                <p class="lead" id="top">One</p><p class="lead">Two</p><p style="color: black">Three</p>
                </body></html>""", null), profile("Ana", Map.of()), Map.of());
        assertThat(message.html()).contains("<p class=\"lead\" id=\"top\" style=\"color: green; font-size: 14px;\">One")
            .contains("<p class=\"lead\" style=\"color: blue; font-size: 14px;\">Two")
            .contains("<p style=\"color: black; font-size: 14px;\">Three")
            .contains("@media (max-width:600px)")
            .contains("a:hover");
    }

    @Test
    void liquidLoopsBetweenTableRowsSurviveTheHtmlParser() {
        RenderedMessage message = render(new TemplateContent(null, """
                <table>{% for item in event.items %}<tr><td class="x">{{ item.name }}</td></tr>{% endfor %}</table>
                """, null), profile("Ana", Map.of()), Map.of("items", List.of(Map.of("name", "Sencha"),
                Map.of("name", "Matcha"))));
        assertThat(message.html()).contains("<tr><td class=\"x\">Sencha</td></tr><tr><td class=\"x\">Matcha</td></tr>");
        assertThat(message.text()).contains("Sencha\n").contains("Matcha");
    }

    @Test
    void theTextPartKeepsParagraphsBreaksAndLinks() {
        RenderedMessage message = render(new TemplateContent(null,
                "<h1>Hello {{ first_name }}</h1><p>Line one<br>Line two</p><p><a href=\"https://tern.example/shop\">Shop now</a></p>",
                null), profile("Ana", Map.of()), Map.of());
        assertThat(message.text()).isEqualTo("Hello Ana\n\nLine one\nLine two\n\nShop now (https://tern.example/shop)\n");
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedWithLineAndColumn() {
        assertThatThrownBy(() -> Liquid.check("<p>Hi</p>\n<p>{% if first_name %}x</p>"))
            .isInstanceOfSatisfying(TemplateSyntaxException.class, invalid -> {
                assertThat(invalid.line()).isEqualTo(2);
                assertThat(invalid.column()).isGreaterThan(1);
            });
        assertThatThrownBy(() -> Liquid.check("Hi\n  {{ first_name | shout }}"))
            .isInstanceOfSatisfying(TemplateSyntaxException.class, invalid -> {
                assertThat(invalid.line()).isEqualTo(2);
                assertThat(invalid.getMessage()).contains("shout");
            });
        assertThatThrownBy(() -> Liquid.check("{% include 'secrets' %}")).isInstanceOf(TemplateSyntaxException.class);
    }

    @Test
    void renderingIsBounded() {
        RenderedMessage message = render(new TemplateContent(null,
                "<p>{% for i in (1..event.n) %}x{% endfor %}{{ first_name | default: 'friend' }}</p>", null),
                profile("Ana", Map.of()), Map.of("n", 10_000_000));
        assertThat(message.html()).contains("friend").doesNotContain("xxxxx");
    }

    @Test
    void cuttingATemplateIntoPartsRendersExactlyWhatLiquidRendersWhole() {
        StarterTemplates starters = new StarterTemplates();
        List<String> sources = new java.util.ArrayList<>();
        starters.all().forEach(starter -> sources.add(starter.html()));
        sources.add("{{ person.properties.vip }} {{ person.properties.score }} {{ person.properties.tags }} "
                + "{{ event.items.size }} {{ event.items.first.name }} {{ first_name | upcase }} {{ nothing | default: 'x' }}"
                + " {% raw %}{{ first_name }}{% endraw %} {% comment %}{% if %}{% endcomment %}");
        sources.add("{% assign who = first_name %}{{ who }}");
        sources.add("{% if person.properties.vip %}V {{ first_name }}{% else %}N{% endif %}|{% unless person.properties.vip %}U{% endunless %}"
                + "|{% if person.properties.empty %}E{% else %}F{% endif %}|{% if person.properties.tags %}T{% endif %}"
                + "|{% if nothing %}{% if first_name %}x{% endif %}{% elsif first_name %}Y{% endif %}"
                + "|{% if person.properties.score %}S{% if nothing %}n{% else %}{{ person.properties.score }}{% endif %}{% endif %}");
        Profile profile = profile("Ana", Map.of("vip", true, "score", 4.5, "tags", List.of("a", "b"), "empty", ""));
        for (String source : sources) {
            Map<String, Object> variables = RenderVariables.of(new RenderContext(profile,
                    Map.of("items", List.of(Map.of("name", "Sencha", "quantity", 2, "price", "4.50")), "value", 9),
                    "https://u.example", "https://p.example"), ACCOUNT, true);
            CompiledTemplate.Part part = CompiledTemplate.Part.of(source);
            assertThat(part.render(variables)).isEqualTo(part.whole().render(variables));
        }
        assertThat(CompiledTemplate.Part.of(sources.get(0)).segmented()).isNotNull();
        assertThat(CompiledTemplate.Part.of("{% assign who = first_name %}{{ who }}").segmented()).isNull();
    }
}
