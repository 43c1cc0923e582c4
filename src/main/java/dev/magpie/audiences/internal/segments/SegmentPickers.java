package dev.magpie.audiences.internal.segments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileSearch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the segment builder offers to choose from, read from the account's own data: its metrics, the custom
 * property names seen on its newest profiles and on a metric's latest events, its lists and its other segments;
 * and the names the definition's sentence uses for them. Property names come from a sample (the newest
 * {@value #PROFILE_SAMPLE} profiles, the latest {@value #EVENT_SAMPLE} events of a metric), so that opening the
 * builder stays cheap on a large account; the builder still accepts a name typed by hand.
 */
@Component
class SegmentPickers {

    static final int PROFILE_SAMPLE = 200;

    static final int EVENT_SAMPLE = 100;

    private final ActivityQueries activity;

    private final ProfileSearch search;

    private final ObjectProvider<ListDirectory> lists;

    private final SegmentCatalog catalog;

    SegmentPickers(ActivityQueries activity, ProfileSearch search, ObjectProvider<ListDirectory> lists,
            SegmentCatalog catalog) {
        this.activity = activity;
        this.search = search;
        this.lists = lists;
        this.catalog = catalog;
    }

    /** Everything the builder offers, but the segment being edited ({@code null} for a new one). */
    Pickers pickers(String accountId, String editedSegmentId) {
        List<Option> metrics = activity.metrics(accountId).stream().map(m -> new Option(m.id(), m.name())).toList();
        TreeSet<String> keys = new TreeSet<>();
        for (Profile profile : search.search(accountId, "", Optional.empty(), PROFILE_SAMPLE).profiles()) {
            if (profile.properties() != null) {
                keys.addAll(profile.properties().keySet());
            }
        }
        List<Option> segments = catalog.account(accountId).segments().stream()
            .filter(segment -> !segment.id().equals(editedSegmentId))
            .map(segment -> new Option(segment.id(), segment.name()))
            .toList();
        return new Pickers(metrics, List.copyOf(keys), listOptions(accountId), segments);
    }

    /**
     * The property names on the metric's latest events, nested ones as dotted paths (one level down); empty when
     * the account has no such metric.
     */
    Optional<List<String>> eventProperties(String accountId, String metricId) {
        if (activity.metric(accountId, metricId).isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> keys = new TreeSet<>();
        for (Event event : activity.latestOf(accountId, metricId, EVENT_SAMPLE)) {
            if (event.properties() == null) {
                continue;
            }
            event.properties().forEach((key, value) -> {
                keys.add(key);
                if (value instanceof Map<?, ?> nested) {
                    nested.keySet().forEach(inner -> keys.add(key + "." + inner));
                }
            });
        }
        return Optional.of(List.copyOf(keys));
    }

    /** The names a sentence about the account's definitions uses. */
    DefinitionSentence.Names names(String accountId) {
        Map<String, String> metrics = new HashMap<>();
        activity.metrics(accountId).forEach(metric -> metrics.put(metric.id(), metric.name()));
        Map<String, String> groups = new HashMap<>();
        listOptions(accountId).forEach(list -> groups.put(list.id(), "list \u201c" + list.name() + "\u201d"));
        for (Compiled segment : catalog.account(accountId).segments()) {
            groups.put(segment.id(), "segment \u201c" + segment.name() + "\u201d");
        }
        return new DefinitionSentence.Names() {

            @Override
            public String metric(String metricId) {
                return metrics.getOrDefault(metricId, metricId);
            }

            @Override
            public String group(String groupId) {
                return groups.getOrDefault(groupId, "\u201c" + groupId + "\u201d");
            }
        };
    }

    private List<Option> listOptions(String accountId) {
        ListDirectory directory = lists.getIfAvailable();
        if (directory == null) {
            return List.of();
        }
        List<Option> options = new ArrayList<>();
        directory.all(accountId).forEach(list -> options.add(new Option(list.id(), list.name())));
        return options;
    }

    /** Something to pick: its id and the name shown. */
    record Option(String id, String name) {
    }

    /** The builder's choices. */
    record Pickers(List<Option> metrics, List<String> profileProperties, List<Option> lists, List<Option> segments) {
    }
}
