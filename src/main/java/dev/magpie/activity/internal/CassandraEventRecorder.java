package dev.magpie.activity.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.ProfileEvent;
import dev.magpie.activity.internal.EventStore.KeyedEvent;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileAttributes;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Records events: resolves each event's profile and metric, gives it its deterministic id, tells new events
 * from repeats by their keys, stores the new ones and announces them. One event at a time ({@link #record}) or
 * many at once ({@link #recordAll}, for bulk jobs), where profiles are resolved in parallel and rows are written
 * in batches.
 */
@Component
class CassandraEventRecorder implements EventRecorder {

    private final ProfileResolver profiles;

    private final MetricCatalog metrics;

    private final EventStore store;

    private final EventAnnouncer announcer;

    private final ExecutorService profileLookups;

    private final Clock clock;

    CassandraEventRecorder(ProfileResolver profiles, MetricCatalog metrics, EventStore store,
            EventAnnouncer announcer, @Qualifier("activityProfileLookups") ExecutorService profileLookups,
            Clock clock) {
        this.profiles = profiles;
        this.metrics = metrics;
        this.store = store;
        this.announcer = announcer;
        this.profileLookups = profileLookups;
        this.clock = clock;
    }

    @Override
    public Event record(String accountId, NewEvent event) {
        return recordOne(accountId, new Submission(null, event));
    }

    @Override
    public Event recordFor(String accountId, String profileId, NewEvent event) {
        return recordOne(accountId, new Submission(profileId, event));
    }

    @Override
    public int recordAllFor(String accountId, List<ProfileEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<Submission> submissions = events.stream()
            .map(event -> new Submission(event.profileId(), event.event()))
            .toList();
        return (int) recordAll(accountId, submissions).stream().filter(outcome -> outcome.failure() != null).count();
    }

    /**
     * Records one event whose profile may be named by id; returns the stored event (for a repeat, the one
     * stored first).
     *
     * @throws InvalidProfileException when the profile cannot be found or created from what the event says
     */
    Event recordOne(String accountId, Submission submission) {
        Outcome outcome = recordAll(accountId, List.of(submission), false).get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.event();
    }

    /**
     * Records many events of one account, in one go: an outcome per submission, in order. A submission whose
     * profile is refused fails alone; a failure to store fails the whole call (nothing is announced, and a
     * retry stores whatever is missing).
     */
    List<Outcome> recordAll(String accountId, List<Submission> submissions) {
        return recordAll(accountId, submissions, true);
    }

    private List<Outcome> recordAll(String accountId, List<Submission> submissions, boolean parallel) {
        for (Submission submission : submissions) {
            String name = submission.event().metricName();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("An event needs the name of its metric");
            }
        }
        // Cassandra keeps milliseconds: so does the event, read back or not
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<Object, Resolution> profileIds = resolveProfiles(accountId, submissions, parallel);
        Map<String, String> metricIds = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(submissions.size(), null));
        Map<String, Pending> byKey = new LinkedHashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            Submission submission = submissions.get(i);
            Resolution profile = profileIds.get(profileReference(submission));
            if (profile.failure() != null) {
                outcomes.set(i, Outcome.failed(profile.failure()));
                continue;
            }
            NewEvent event = submission.event();
            MetricSource source = event.source() == null ? MetricSource.API : event.source();
            String metricId = metricIds.computeIfAbsent(event.metricName(),
                    name -> metrics.resolve(accountId, name, source, receivedAt));
            // Klaviyo keeps event times to the second; so does the id
            Instant time = (event.time() != null ? event.time() : receivedAt).truncatedTo(ChronoUnit.SECONDS);
            EventIds.Identity identity = EventIds.identify(accountId, profile.profileId(), metricId, event.uniqueId(),
                    time);
            Event stored = new Event(identity.id(), metricId, event.metricName(), profile.profileId(), time,
                    event.value(), event.valueCurrency(), event.properties() == null ? Map.of() : event.properties(),
                    event.uniqueId(), receivedAt);
            // The same event twice in one request is one event, as it would be in two requests
            Pending pending = byKey.computeIfAbsent(identity.key(),
                    key -> new Pending(new KeyedEvent(stored, key), new ArrayList<>()));
            pending.positions().add(i);
        }
        Map<String, String> known = knownKeys(accountId, byKey.values());
        List<KeyedEvent> fresh = new ArrayList<>();
        Map<String, Pending> repeats = new LinkedHashMap<>();
        for (Pending pending : byKey.values()) {
            String storedId = known.get(pending.event().key());
            if (storedId == null) {
                fresh.add(pending.event());
            }
            else {
                repeats.put(storedId, pending);
            }
        }
        store.store(accountId, fresh);
        announcer.announce(accountId, fresh.stream().map(KeyedEvent::event).toList());
        for (KeyedEvent event : fresh) {
            Pending pending = byKey.get(event.key());
            for (int n = 0; n < pending.positions().size(); n++) {
                outcomes.set(pending.positions().get(n), new Outcome(event.event(), n == 0, null));
            }
        }
        Map<String, Event> firstStored = parallel ? Map.of() : storedEvents(accountId, repeats.keySet());
        repeats.forEach((storedId, pending) -> {
            Event event = firstStored.getOrDefault(storedId, pending.event().event());
            pending.positions().forEach(position -> outcomes.set(position, new Outcome(event, false, null)));
        });
        return outcomes;
    }

    private Map<Object, Resolution> resolveProfiles(String accountId, List<Submission> submissions,
            boolean parallel) {
        // Events naming their profile alike resolve it once
        Map<Object, Submission> distinct = new LinkedHashMap<>();
        for (Submission submission : submissions) {
            distinct.putIfAbsent(profileReference(submission), submission);
        }
        Map<Object, Resolution> resolved = new HashMap<>();
        if (!parallel || distinct.size() == 1) {
            distinct.forEach((reference, submission) -> resolved.put(reference, resolve(accountId, submission)));
            return resolved;
        }
        Map<Object, CompletableFuture<Resolution>> lookups = new LinkedHashMap<>();
        distinct.forEach((reference, submission) -> lookups.put(reference,
                CompletableFuture.supplyAsync(() -> resolve(accountId, submission), profileLookups)));
        lookups.forEach((reference, lookup) -> resolved.put(reference, CassandraCalls.await(lookup)));
        return resolved;
    }

    private Resolution resolve(String accountId, Submission submission) {
        try {
            String id = submission.profileId() != null ? profiles.resolveById(accountId, submission.profileId())
                    : profiles.resolve(accountId, submission.event().profile());
            return new Resolution(id, null);
        }
        catch (InvalidProfileException refused) {
            return new Resolution(null, refused);
        }
    }

    private static Object profileReference(Submission submission) {
        return submission.profileId() != null ? new ProfileId(submission.profileId()) : submission.event().profile();
    }

    private Map<String, String> knownKeys(String accountId, Iterable<Pending> pending) {
        Map<String, List<String>> keysByProfile = new LinkedHashMap<>();
        for (Pending event : pending) {
            keysByProfile.computeIfAbsent(event.event().event().profileId(), id -> new ArrayList<>())
                .add(event.event().key());
        }
        List<CompletableFuture<Map<String, String>>> lookups = new ArrayList<>();
        keysByProfile.forEach((profileId, keys) -> {
            for (int from = 0; from < keys.size(); from += 100) {
                lookups.add(store.knownKeys(accountId, profileId, keys.subList(from, Math.min(keys.size(), from + 100))));
            }
        });
        Map<String, String> known = new HashMap<>();
        lookups.forEach(lookup -> known.putAll(CassandraCalls.await(lookup)));
        return known;
    }

    private Map<String, Event> storedEvents(String accountId, Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Event> events = new HashMap<>();
        store.findAll(accountId, ids).forEach(event -> events.put(event.id(), event));
        return events;
    }

    /** An event to record, with its profile named by id ({@code profileId}) or by the event's attributes. */
    record Submission(String profileId, NewEvent event) {
    }

    /** What became of a submission: the event stored (or, for a repeat, the one it repeats), or why it failed. */
    record Outcome(Event event, boolean isNew, RuntimeException failure) {

        static Outcome failed(RuntimeException failure) {
            return new Outcome(null, false, failure);
        }
    }

    private record ProfileId(String id) {
    }

    private record Resolution(String profileId, InvalidProfileException failure) {
    }

    private record Pending(KeyedEvent event, List<Integer> positions) {
    }
}
