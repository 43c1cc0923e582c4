package dev.magpie.activity.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.magpie.activity.Event;
import dev.magpie.activity.Metric;
import dev.magpie.activity.internal.ActivityResources.EventAttributes;
import dev.magpie.activity.internal.CassandraEventRecorder.Submission;
import dev.magpie.activity.internal.EventTimelines.EventQuery;
import dev.magpie.activity.internal.EventTimelines.Page;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.ApiScopes;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterOperator;
import dev.magpie.web.api.FilterSpec;
import dev.magpie.web.api.FilterSpec.FieldType;
import dev.magpie.web.api.FilterValue.DateTimeValue;
import dev.magpie.web.api.FilterValue.StringValue;
import dev.magpie.web.api.JsonApi;
import dev.magpie.web.api.PageCursor;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.Paged;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Klaviyo's Events API: "Create Event" (recorded before the 202 is sent, so the event can be read back at once),
 * "Get Events" with its filters on metric, profile and time, newest or oldest first, cursor-paged, "Get Event",
 * and the event's metric and profile relationships. {@code include=metric,profile} adds the related resources.
 */
@RestController
@RequestMapping("/api/events")
class EventsApiController {

    static final FilterSpec FILTERS = FilterSpec.builder()
        .field("metric_id", FieldType.STRING, FilterOperator.EQUALS)
        .field("profile_id", FieldType.STRING, FilterOperator.EQUALS)
        .field("datetime", FieldType.DATETIME, FilterOperator.GREATER_THAN, FilterOperator.GREATER_OR_EQUAL,
                FilterOperator.LESS_THAN, FilterOperator.LESS_OR_EQUAL)
        .field("timestamp", FieldType.DATETIME, FilterOperator.GREATER_THAN, FilterOperator.GREATER_OR_EQUAL,
                FilterOperator.LESS_THAN, FilterOperator.LESS_OR_EQUAL)
        .build();

    private static final Set<String> SORTS = Set.of("datetime", "-datetime", "timestamp", "-timestamp");

    private static final Set<String> INCLUDES = Set.of("metric", "profile", "attributions");

    private final RequestBodies bodies;

    private final EventRequests requests;

    private final CassandraEventRecorder recorder;

    private final EventStore store;

    private final EventTimelines timelines;

    private final MetricCatalog metrics;

    private final Profiles profiles;

    EventsApiController(RequestBodies bodies, EventRequests requests, CassandraEventRecorder recorder, EventStore store,
            EventTimelines timelines, MetricCatalog metrics, Profiles profiles) {
        this.bodies = bodies;
        this.requests = requests;
        this.recorder = recorder;
        this.store = store;
        this.timelines = timelines;
        this.metrics = metrics;
        this.profiles = profiles;
    }

    @PostMapping(consumes = { JsonApi.MEDIA_TYPE_VALUE, "application/json" })
    @RequiresScope("events:write")
    @RateLimited(RateLimitTier.XL)
    ResponseEntity<Void> create(HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        Submission submission = requests.event(bodies.read(request));
        try {
            recorder.recordOne(accountId, submission);
        }
        catch (InvalidProfileException refused) {
            throw ApiException.invalidInput(profilePointer("/data/attributes/profile", refused.field()),
                    refused.getMessage());
        }
        catch (RuntimeException failed) {
            throw Busy.isTransient(failed) ? Busy.retryLater(failed) : failed;
        }
        return ResponseEntity.accepted().build();
    }

    @GetMapping
    @RequiresScope("events:read")
    @RateLimited(RateLimitTier.XL)
    CollectionDocument<EventAttributes> events(@RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String include,
            @Paged(defaultSize = 200, maxSize = 1000) CursorPageRequest page, HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        Set<String> included = includes(include);
        EventQuery query = query(filter, sort, page);
        Page events = timelines.list(accountId, query);
        List<Resource<EventAttributes>> resources = events.events().stream().map(ActivityResources::event).toList();
        PageCursor next = events.more() ? PageCursor.after(events.events().get(events.events().size() - 1).id())
                : null;
        return new CollectionDocument<>(resources, PageLinks.of(request, next, null),
                included.isEmpty() ? null : related(accountId, events.events(), included));
    }

    @GetMapping("/{id}")
    @RequiresScope("events:read")
    @RateLimited(RateLimitTier.M)
    ResourceDocument<EventAttributes> event(@PathVariable String id, @RequestParam(required = false) String include) {
        String accountId = TenantContext.requireAccountId();
        Set<String> included = includes(include);
        Event event = find(accountId, id);
        return new ResourceDocument<>(ActivityResources.event(event),
                included.isEmpty() ? null : related(accountId, List.of(event), included));
    }

    @GetMapping("/{id}/metric")
    @RequiresScope({ "events:read", "metrics:read" })
    @RateLimited(RateLimitTier.XL)
    ResourceDocument<ActivityResources.MetricAttributes> metric(@PathVariable String id) {
        String accountId = TenantContext.requireAccountId();
        Event event = find(accountId, id);
        Metric metric = metrics.find(accountId, event.metricId()).orElseThrow(() -> notFound(id));
        return ResourceDocument.of(ActivityResources.metric(metric));
    }

    @GetMapping("/{id}/relationships/metric")
    @RequiresScope({ "events:read", "metrics:read" })
    @RateLimited(RateLimitTier.XL)
    ResponseEntity<Map<String, Object>> metricRelationship(@PathVariable String id) {
        Event event = find(TenantContext.requireAccountId(), id);
        return relationship(ActivityResources.relationship(event.id(), ActivityResources.METRIC, event.metricId()));
    }

    @GetMapping("/{id}/profile")
    @RequiresScope({ "events:read", "profiles:read" })
    @RateLimited(RateLimitTier.XL)
    ResourceDocument<ActivityResources.ProfileView> profile(@PathVariable String id) {
        String accountId = TenantContext.requireAccountId();
        Event event = find(accountId, id);
        return ResourceDocument.of(ActivityResources.profile(
                profiles.find(accountId, event.profileId()).orElseThrow(() -> notFound(id))));
    }

    @GetMapping("/{id}/relationships/profile")
    @RequiresScope({ "events:read", "profiles:read" })
    @RateLimited(RateLimitTier.XL)
    ResponseEntity<Map<String, Object>> profileRelationship(@PathVariable String id) {
        Event event = find(TenantContext.requireAccountId(), id);
        return relationship(ActivityResources.relationship(event.id(), ActivityResources.PROFILE, event.profileId()));
    }

    private Event find(String accountId, String id) {
        return store.find(accountId, id).orElseThrow(() -> notFound(id));
    }

    /** Reads {@code filter=} and {@code sort=} into what to list. */
    private static EventQuery query(String filter, String sort, CursorPageRequest page) {
        String metricId = null;
        String profileId = null;
        Instant from = null;
        Instant until = null;
        for (Comparison comparison : FILTERS.parse(filter).map(expression -> expression.comparisons())
            .orElse(List.of())) {
            switch (comparison.field()) {
                case "metric_id" -> metricId = ((StringValue) comparison.value()).value();
                case "profile_id" -> profileId = ((StringValue) comparison.value()).value();
                default -> {
                    Instant time = ((DateTimeValue) comparison.value()).value();
                    switch (comparison.operator()) {
                        case GREATER_THAN -> from = later(from, time.plusMillis(1));
                        case GREATER_OR_EQUAL -> from = later(from, time);
                        case LESS_THAN -> until = earlier(until, time);
                        default -> until = earlier(until, time.plusMillis(1));
                    }
                }
            }
        }
        String order = sort == null || sort.isBlank() ? "-datetime" : sort.strip();
        if (!SORTS.contains(order)) {
            throw ApiException.invalidParameter("sort",
                    "'%s' is not a valid sort. Sort by datetime, -datetime, timestamp or -timestamp.".formatted(order));
        }
        String after = page.cursor().map(cursor -> cursor.position().isEmpty() ? null : cursor.position().get(0))
            .orElse(null);
        return new EventQuery(profileId, metricId, from, until, after, !order.startsWith("-"), page.size());
    }

    private static Set<String> includes(String include) {
        Set<String> includes = new LinkedHashSet<>();
        if (include == null || include.isBlank()) {
            return includes;
        }
        for (String part : include.split(",")) {
            String name = part.strip();
            if (!INCLUDES.contains(name)) {
                throw ApiException.invalidParameter("include",
                        "'%s' is not a valid include. Include metric, profile or attributions.".formatted(name));
            }
            includes.add(name);
        }
        if (includes.contains(ActivityResources.PROFILE)) {
            ApiScopes.require("profiles:read");
        }
        return includes;
    }

    /** The metrics and profiles of {@code events}, once each, for {@code included}. */
    private List<Resource<?>> related(String accountId, List<Event> events, Set<String> included) {
        List<Resource<?>> resources = new ArrayList<>();
        if (included.contains(ActivityResources.METRIC)) {
            Map<String, Metric> byId = new LinkedHashMap<>();
            metrics.all(accountId).forEach(metric -> byId.put(metric.id(), metric));
            events.stream()
                .map(Event::metricId)
                .distinct()
                .map(byId::get)
                .filter(java.util.Objects::nonNull)
                .forEach(metric -> resources.add(ActivityResources.metric(metric)));
        }
        if (included.contains(ActivityResources.PROFILE)) {
            events.stream()
                .map(Event::profileId)
                .distinct()
                .map(profileId -> profiles.find(accountId, profileId))
                .flatMap(Optional::stream)
                .forEach(profile -> resources.add(ActivityResources.profile(profile)));
        }
        return resources;
    }

    private static ResponseEntity<Map<String, Object>> relationship(Map<String, Object> body) {
        return ResponseEntity.ok().contentType(JsonApi.MEDIA_TYPE).body(body);
    }

    /** Where in the request the profile module's refusal of {@code field} points. */
    static String profilePointer(String profile, String field) {
        if (field == null || field.equals("profile")) {
            return profile + "/data/attributes";
        }
        if (field.equals("id")) {
            return profile + "/data/id";
        }
        return profile + "/data/attributes/" + field.replace('.', '/');
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("There is no event with id '%s'.".formatted(
                id.length() > 40 ? id.substring(0, 40) + "…" : id));
    }
}
