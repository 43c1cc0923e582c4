package dev.magpie.web.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.jayway.jsonpath.JsonPath;
import dev.magpie.web.api.FilterSpec.FieldType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What any client of the API notices, whatever the endpoint: the revision header, API keys and scopes,
 * media types, rate limits, paging links, sparse fieldsets, and errors as JSON:API documents.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = { ApiErrorWriter.class,
                ApiExceptionResolver.class, JsonApiWebConfiguration.class, JsonApiResponseAdvice.class,
                RateLimiter.class }),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.magpie\\.web\\.ApiSecurityConfiguration") })
@Import(JsonApiConventionsTests.SampleApi.class)
class JsonApiConventionsTests {

    static final String REVISION = "2025-01-15";

    static final String READER = "pk_reader_key_0000000000000";

    static final String WRITER = "pk_writer_key_0000000000000";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MovableClock clock;

    @Test
    void aKnownKeyWithARevisionGetsAJsonApiCollection() {
        MvcTestResult result = get("/api/samples", READER).accept(JsonApi.MEDIA_TYPE).exchange();

        assertThat(result).hasStatusOk().hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.data[0].type").isEqualTo("sample");
        assertThat(result).bodyJson().extractingPath("$.data[0].id").isEqualTo("s1");
        assertThat(result).bodyJson().extractingPath("$.data[0].attributes.display_name").isEqualTo("First");
        assertThat(result).bodyJson().extractingPath("$.data[0].links.self")
            .isEqualTo("http://localhost/api/samples/s1/");
        assertThat(result).bodyJson().extractingPath("$.links.self").isEqualTo("http://localhost/api/samples");
        assertThat(result).bodyJson().extractingPath("$.links.prev").isNull();
        assertThat(result).headers().hasValue("RateLimit-Limit", "3500");
    }

    @Test
    void applicationJsonIsAcceptedAndStillAnsweredAsJsonApi() {
        assertThat(get("/api/samples", READER).accept(MediaType.APPLICATION_JSON)).hasStatusOk()
            .hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(get("/api/samples", READER)).hasStatusOk().hasContentType(JsonApi.MEDIA_TYPE);
    }

    @Test
    void aTrailingSlashIsServedLikeKlaviyosSdksSendIt() {
        assertThat(get("/api/samples/", READER)).hasStatusOk();
        assertThat(get("/api/samples/s1/", READER)).hasStatusOk()
            .bodyJson()
            .extractingPath("$.data.id")
            .isEqualTo("s1");
    }

    @Test
    void aMissingRevisionIsRefused() {
        MvcTestResult result = mvc.get().uri("/api/samples").header("Authorization", "Klaviyo-API-Key " + READER)
            .exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("invalid");
        assertThat(result).bodyJson().extractingPath("$.errors[0].source.parameter").isEqualTo("revision");
        assertThat(result).bodyJson().extractingPath("$.errors[0].detail").asString().contains("Missing `revision`");
    }

    @Test
    void aMalformedRevisionIsRefused() {
        for (String revision : List.of("latest", "2025-13-01", "2025-02-30", "2025-01-15.")) {
            MvcTestResult result = mvc.get().uri("/api/samples")
                .header("Authorization", "Klaviyo-API-Key " + READER)
                .header("revision", revision)
                .exchange();
            assertThat(result).as(revision).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(result).bodyJson().extractingPath("$.errors[0].source.parameter").isEqualTo("revision");
        }
    }

    @Test
    void anyWellFormedRevisionIsServed() {
        for (String revision : List.of("2022-10-17", "2025-01-15", "2024-10-15.pre", "2099-12-31")) {
            assertThat(mvc.get().uri("/api/samples")
                .header("Authorization", "Klaviyo-API-Key " + READER)
                .header("revision", revision)).as(revision).hasStatusOk();
        }
    }

    @Test
    void noKeyIsNotAuthenticated() {
        MvcTestResult result = mvc.get().uri("/api/samples").header("revision", REVISION).exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).headers().hasValue("WWW-Authenticate", "Klaviyo-API-Key");
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("not_authenticated");
        assertThat(result).bodyJson().extractingPath("$.errors[0].status").isEqualTo(401);
        assertThat(result).bodyJson().extractingPath("$.errors[0].title")
            .isEqualTo("Authentication credentials were not provided.");
        assertThat(result).bodyJson().extractingPath("$.errors[0].id").asString().isNotBlank();
        assertThat(result).bodyJson().extractingPath("$.errors[0].source.pointer").isEqualTo("/data/");
    }

    @Test
    void anotherAuthorizationSchemeIsNotAuthenticated() {
        MvcTestResult result = mvc.get().uri("/api/samples").header("revision", REVISION)
            .header("Authorization", "Bearer " + READER).exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("not_authenticated");
    }

    @Test
    void anUnknownKeyFailsAuthentication() {
        MvcTestResult result = get("/api/samples", "pk_wrong_key_000000000000000").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("not_authenticated");
        assertThat(result).bodyJson().extractingPath("$.errors[0].detail")
            .isEqualTo("Incorrect authentication credentials.");
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertThat(mvc.get().uri("/api/samples").header("revision", REVISION)
            .header("Authorization", "klaviyo-api-key " + READER)).hasStatusOk();
    }

    @Test
    void aKeyWithoutTheScopeIsDenied() {
        MvcTestResult result = post("/api/samples", READER).contentType(JsonApi.MEDIA_TYPE)
            .content("{\"data\":{\"type\":\"sample\",\"attributes\":{\"name\":\"New\"}}}")
            .exchange();

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("permission_denied");
        assertThat(result).bodyJson().extractingPath("$.errors[0].detail").asString().contains("samples:write");
    }

    @Test
    void bothMediaTypesAreAcceptedForRequestBodies() {
        for (MediaType type : List.of(JsonApi.MEDIA_TYPE, MediaType.APPLICATION_JSON)) {
            MvcTestResult result = post("/api/samples", WRITER).contentType(type)
                .content("{\"data\":{\"type\":\"sample\",\"attributes\":{\"name\":\"New\"}}}")
                .exchange();
            assertThat(result).as(type.toString()).hasStatus(HttpStatus.CREATED).hasContentType(JsonApi.MEDIA_TYPE);
            assertThat(result).bodyJson().extractingPath("$.data.attributes.display_name").isEqualTo("New");
        }
    }

    @Test
    void anotherRequestMediaTypeIsUnsupported() {
        MvcTestResult result = post("/api/samples", WRITER).contentType(MediaType.TEXT_PLAIN).content("name=New")
            .exchange();

        assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("unsupported_media_type");
    }

    @Test
    void aBodyThatIsNotJsonIsInvalid() {
        MvcTestResult result = post("/api/samples", WRITER).contentType(JsonApi.MEDIA_TYPE).content("{\"data\":")
            .exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("invalid");
    }

    @Test
    void aFailedValidationPointsAtTheAttribute() {
        MvcTestResult result = post("/api/samples", WRITER).contentType(JsonApi.MEDIA_TYPE)
            .content("{\"data\":{\"type\":\"sample\",\"attributes\":{\"name\":\" \"}}}")
            .exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("invalid");
        assertThat(result).bodyJson().extractingPath("$.errors[0].source.pointer").isEqualTo("/data/attributes/name");
    }

    @Test
    void anUnknownPathIsNotFound() {
        MvcTestResult result = get("/api/no-such-thing", READER).exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("not_found");
    }

    @Test
    void aMissingResourceIsNotFound() {
        MvcTestResult result = get("/api/samples/missing", READER).exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("not_found");
        assertThat(result).bodyJson().extractingPath("$.errors[0].title").isEqualTo("Not found.");
    }

    @Test
    void anotherMethodIsNotAllowed() {
        MvcTestResult result = mvc.delete().uri("/api/samples").header("revision", REVISION)
            .header("Authorization", "Klaviyo-API-Key " + WRITER).exchange();

        assertThat(result).hasStatus(HttpStatus.METHOD_NOT_ALLOWED).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).headers().containsHeader("Allow");
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("method_not_allowed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].detail").isEqualTo("Method \"DELETE\" not allowed.");
    }

    @Test
    void optionsListsTheAllowedMethods() {
        MvcTestResult result = mvc.options().uri("/api/samples").header("revision", REVISION)
            .header("Authorization", "Klaviyo-API-Key " + READER).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).headers().containsHeader("Allow");
    }

    @Test
    void anUnacceptableResponseTypeIsRefusedAsJsonApi() {
        MvcTestResult result = get("/api/samples", READER).accept(MediaType.TEXT_HTML).exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_ACCEPTABLE).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("not_acceptable");
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() {
        MvcTestResult result = get("/api/samples/boom", READER).exchange();

        assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("error");
        assertThat(result).bodyText().doesNotContain("secret").doesNotContain("IllegalStateException");
    }

    @Test
    void aHandlerThatDeclaresNoScopeIsNeverServed() {
        assertThat(get("/api/samples/unguarded", WRITER)).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void overTheRateLimitIsThrottledWithRetryAfter() {
        String key = "pk_throttled_key_0000000000";
        MvcTestResult first = get("/api/samples/limited", key).exchange();
        assertThat(first).hasStatusOk();
        assertThat(first).headers().hasValue("RateLimit-Limit", "15").hasValue("RateLimit-Remaining", "14")
            .hasValue("RateLimit-Reset", "30");

        MvcTestResult second = get("/api/samples/limited", key).exchange();
        assertThat(second).hasStatus(HttpStatus.TOO_MANY_REQUESTS).hasContentType(JsonApi.MEDIA_TYPE);
        assertThat(second).headers().hasValue("Retry-After", "1");
        assertThat(second).bodyJson().extractingPath("$.errors[0].code").isEqualTo("throttled");
        assertThat(second).bodyJson().extractingPath("$.errors[0].detail")
            .isEqualTo("Request was throttled. Expected available in 1 second.");

        clock.advance(Duration.ofSeconds(1));
        assertThat(get("/api/samples/limited", key)).hasStatusOk().headers().hasValue("RateLimit-Remaining", "13");
    }

    @Test
    void anInvalidFilterIsA400OnTheFilterParameter() {
        MvcTestResult result = get("/api/samples?filter=equals(colour,\"red\")", READER).exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].source.parameter").isEqualTo("filter");
        assertThat(result).bodyJson().extractingPath("$.errors[0].detail").asString()
            .contains("'colour' is not an allowed filter field");
    }

    @Test
    void aFilterTheEndpointAllowsIsApplied() {
        assertThat(get("/api/samples?filter=equals(name,\"Second\")", READER)).hasStatusOk()
            .bodyJson()
            .extractingPath("$.data[0].id")
            .isEqualTo("s2");
    }

    @Test
    void pagesLinkToEachOtherKeepingTheOtherParameters() throws Exception {
        MvcTestResult first = get("/api/samples?page[size]=1&filter=any(name,[\"First\",\"Second\"])", READER)
            .exchange();
        assertThat(first).hasStatusOk();
        assertThat(first).bodyJson().extractingPath("$.data[0].id").isEqualTo("s1");
        assertThat(first).bodyJson().extractingPath("$.links.next").asString()
            .startsWith("http://localhost/api/samples?")
            .contains("page%5Bsize%5D=1", "filter=any(name,%5B%22First%22,%22Second%22%5D)", "page%5Bcursor%5D=");

        String next = (String) JsonPath.read(first.getResponse().getContentAsString(),
                "$.links.next");
        MvcTestResult second = mvc.get().uri(URI.create(next)).header("revision", REVISION)
            .header("Authorization", "Klaviyo-API-Key " + READER).exchange();
        assertThat(second).hasStatusOk();
        assertThat(second).bodyJson().extractingPath("$.data[0].id").isEqualTo("s2");
        assertThat(second).bodyJson().extractingPath("$.links.next").isNull();
        assertThat(second).bodyJson().extractingPath("$.links.prev").asString().contains("page%5Bcursor%5D=");
    }

    @Test
    void aPageSizeOverTheEndpointsMaximumIsA400() {
        MvcTestResult result = get("/api/samples?page[size]=11", READER).exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].source.parameter").isEqualTo("page[size]");
    }

    @Test
    void sparseFieldsetsKeepOnlyTheRequestedAttributes() {
        MvcTestResult result = get("/api/samples/s1?fields[sample]=display_name", READER).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.data.attributes").isEqualTo(Map.of("display_name", "First"));
    }

    private MockMvcRequestBuilder get(String uri, String key) {
        return mvc.get().uri(uri).header("revision", REVISION).header("Authorization", "Klaviyo-API-Key " + key);
    }

    private MockMvcRequestBuilder post(String uri, String key) {
        return mvc.post().uri(uri).header("revision", REVISION).header("Authorization", "Klaviyo-API-Key " + key);
    }

    /** A small API with every kind of endpoint, and the keys that may call it. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    @Import({ SampleApi.SamplesController.class, SampleApi.UnguardedController.class })
    static class SampleApi {

        @Bean
        MovableClock clock() {
            return new MovableClock(Instant.parse("2025-01-15T10:00:30Z"));
        }

        @Bean
        ApiKeyVerifier keys() {
            return rawKey -> switch (rawKey) {
                case READER -> Optional.of(new ApiCaller("acct", "reader", Set.of("samples:read"), null));
                case WRITER -> Optional.of(new ApiCaller("acct", "writer", Set.of("samples:read", "samples:write"),
                        null));
                case "pk_throttled_key_0000000000" -> Optional.of(new ApiCaller("acct", "throttled",
                        Set.of("samples:read"), null));
                default -> Optional.empty();
            };
        }

        record SampleAttributes(@JsonProperty("display_name") String displayName,
                Map<String, Object> details) {
        }

        record NewSample(@Valid Data data) {

            record Data(String type, @Valid Attributes attributes) {
            }

            record Attributes(@NotBlank String name) {
            }
        }

        @RestController
        @RequestMapping("/api/samples")
        @RequiresScope("samples:read")
        @RateLimited(RateLimitTier.XL)
        static class SamplesController {

            static final FilterSpec FILTERS = FilterSpec.builder()
                .field("name", FieldType.STRING, FilterOperator.EQUALS, FilterOperator.ANY)
                .build();

            static final List<String> NAMES = List.of("First", "Second");

            @GetMapping
            CollectionDocument<SampleAttributes> list(@RequestParam(required = false) String filter,
                    @Paged(defaultSize = 10, maxSize = 10) CursorPageRequest page, HttpServletRequest request) {
                Optional<FilterExpression> expression = FILTERS.parse(filter);
                List<Integer> matching = IntStream.range(0, NAMES.size())
                    .filter(i -> expression.map(e -> matches(e, NAMES.get(i))).orElse(true))
                    .boxed()
                    .toList();
                int start = page.cursor().map(cursor -> Integer.parseInt(cursor.position().get(0)) + 1).orElse(0);
                List<Integer> slice = matching.stream().filter(i -> i >= start).limit(page.size()).toList();
                boolean more = !slice.isEmpty() && matching.stream().anyMatch(i -> i > slice.get(slice.size() - 1));
                PageCursor next = more ? PageCursor.after(slice.get(slice.size() - 1).toString()) : null;
                PageCursor prev = start > 0 ? PageCursor.before(Integer.toString(start)) : null;
                return CollectionDocument.of(slice.stream().map(i -> resource("s" + (i + 1), NAMES.get(i))).toList(),
                        PageLinks.of(request, next, prev));
            }

            private static boolean matches(FilterExpression expression, String name) {
                return expression.comparisons().stream().allMatch(comparison -> switch (comparison.operator()) {
                    case EQUALS -> ((FilterValue.StringValue) comparison.value()).value().equals(name);
                    case ANY -> ((FilterValue.ListValue) comparison.value()).values()
                        .contains(new FilterValue.StringValue(name));
                    default -> false;
                });
            }

            @GetMapping("/{id}")
            ResourceDocument<SampleAttributes> one(@PathVariable String id) {
                if (id.equals("boom")) {
                    throw new IllegalStateException("secret internals");
                }
                if (!id.equals("s1") && !id.equals("s2")) {
                    throw ApiException.notFound("There is no sample with id '%s'.".formatted(id));
                }
                return ResourceDocument.of(resource(id, NAMES.get(id.equals("s1") ? 0 : 1)));
            }

            @GetMapping("/limited")
            @RateLimited(RateLimitTier.XS)
            CollectionDocument<SampleAttributes> limited(HttpServletRequest request) {
                return CollectionDocument.of(List.of(), PageLinks.of(request, null, null));
            }

            @PostMapping
            @RequiresScope("samples:write")
            @ResponseStatus(HttpStatus.CREATED)
            ResourceDocument<SampleAttributes> create(@Valid @RequestBody NewSample sample) {
                return ResourceDocument.of(resource("s3", sample.data().attributes().name()));
            }

            private static Resource<SampleAttributes> resource(String id, String name) {
                String self = ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path("/api/samples/{id}/")
                    .buildAndExpand(id)
                    .toUriString();
                return Resource.of("sample", id, new SampleAttributes(name, Map.of("size", 1)), self);
            }
        }

        @RestController
        static class UnguardedController {

            @GetMapping("/api/samples/unguarded")
            String unguarded() {
                return "anyone";
            }
        }
    }
}
