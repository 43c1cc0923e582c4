package dev.magpie.audiences.internal.segments;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the segment builder posts: the name, the definition as Klaviyo's JSON (which the page's script writes from
 * the condition rows), and the segment being edited ({@code null} for a new one). Kept as posted, so that a
 * refused draft comes back to the marketer exactly as it was.
 */
record SegmentDraft(String name, String definition, String segmentId) {

    /** Longest segment name, as the API allows. */
    static final int MAX_NAME = 255;

    /** What a new segment starts from: one group with one condition for the marketer to fill in. */
    static final String EMPTY = "{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-metric\"}]}]}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    SegmentDraft {
        name = name == null ? "" : name;
        definition = definition == null || definition.isBlank() ? EMPTY : definition;
        segmentId = segmentId == null || segmentId.isBlank() ? null : segmentId;
    }

    /** The definition as JSON; a {@link DefinitionException} at the root when it is not JSON at all. */
    JsonNode definitionJson() {
        try {
            return JSON.readTree(definition);
        }
        catch (JacksonException unreadable) {
            throw new DefinitionException("", "The definition is not readable JSON.");
        }
    }

    /** The message key of what is wrong with the name, or {@code null}. */
    String nameError() {
        if (name.isBlank()) {
            return "segments.error.name-required";
        }
        return name.strip().length() > MAX_NAME ? "segments.error.name-too-long" : null;
    }
}
