package dev.magpie.audiences.internal.segments;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * A definition's conditions in words, group by group, for pages that lay the groups out rather than run them into
 * one sentence (the segment page, the "why" view): the same words as the builder's {@link DefinitionSentence},
 * with the account's names for its metrics, lists and segments.
 */
@Component
class ConditionDescriptions {

    private final SegmentPickers pickers;

    private final SegmentCatalog catalog;

    ConditionDescriptions(SegmentPickers pickers, SegmentCatalog catalog) {
        this.pickers = pickers;
        this.catalog = catalog;
    }

    /** Each group's conditions, described; groups are joined by AND, a group's conditions by OR. */
    List<List<String>> describe(String accountId, SegmentDefinition definition) {
        DefinitionSentence sentence = sentence(accountId);
        return definition.groups().stream()
            .map(group -> group.stream().map(sentence::condition).toList())
            .toList();
    }

    /** The sentence maker of the account: its names and its time zone. */
    DefinitionSentence sentence(String accountId) {
        return new DefinitionSentence(pickers.names(accountId), catalog.zone(accountId));
    }
}
