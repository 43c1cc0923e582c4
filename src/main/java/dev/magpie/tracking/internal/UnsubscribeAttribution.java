package dev.magpie.tracking.internal;

import dev.magpie.campaigns.Campaigns;
import dev.magpie.deliverability.AddressSuppressed;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts unsubscribes against the campaign they came from. A campaign's unsubscribe links are made for its id
 * (the sending pipeline passes it as the link's message id), and following one suppresses the address with that id
 * as the suppression's source; so an {@link AddressSuppressed} for an unsubscription whose source is one of the
 * account's campaigns is an unsubscribe from that campaign. Only the suppression that is new counts: an address
 * already suppressed was not lost to this campaign.
 */
@Component
class UnsubscribeAttribution {

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeAttribution.class);

    private final Campaigns campaigns;

    private final EngagementStore store;

    UnsubscribeAttribution(Campaigns campaigns, EngagementStore store) {
        this.campaigns = campaigns;
        this.store = store;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AddressSuppressed suppressed) {
        if (suppressed.reason() != SuppressionReason.UNSUBSCRIBED || suppressed.source() == null
                || suppressed.source().isBlank()) {
            return;
        }
        try {
            boolean campaign = TenantContext.callInAccount(suppressed.accountId(),
                    () -> campaigns.find(suppressed.accountId(), suppressed.source()).isPresent());
            if (campaign) {
                store.unsubscribed(suppressed.accountId(), suppressed.source(), suppressed.email(), suppressed.at());
            }
        }
        catch (RuntimeException failed) {
            // The unsubscription stands; only the report's count misses it
            log.warn("Could not count the unsubscription of account {} against {}", suppressed.accountId(),
                    suppressed.source(), failed);
        }
    }
}
