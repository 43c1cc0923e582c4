package dev.magpie.integrations.internal;

import java.util.List;

/** Reads the deliveries of one {@link Feed} into what they ask for. */
public interface FeedMapper {

    /** The feed this mapper reads. */
    Feed feed();

    /**
     * The profiles and events the delivery asks for, in order; empty for topics Magpie does not use.
     *
     * @throws PayloadException when the payload cannot be read (retrying would not help)
     */
    List<Ingestion> map(IngestionJob job);
}
