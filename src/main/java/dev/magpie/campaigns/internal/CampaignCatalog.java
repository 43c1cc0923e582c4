package dev.magpie.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.SegmentMemberships;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignCancelled;
import dev.magpie.campaigns.CampaignScheduled;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.campaigns.UnknownCampaignException;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.shared.Ids;
import dev.magpie.shared.RecentCache;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The account's campaigns: create (with its message), change and delete drafts, clone, assign a template, and
 * move through the statuses. Every list, segment and template a campaign names is checked to be the account's
 * before anything is stored.
 */
@Component
class CampaignCatalog implements Campaigns {

    /** How long a send worker may go on with a campaign as it read it. */
    static final Duration RECENT = Duration.ofSeconds(1);

    private final StoredCampaignRepository campaigns;

    private final StoredMessageRepository messages;

    private final ListMemberships lists;

    private final SegmentMemberships segments;

    private final TemplateRenderer templates;

    private final TenantTransactions transactions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final RecentCache<AccountCampaign, Optional<Campaign>> recent = new RecentCache<>(RECENT, 10_000);

    private record AccountCampaign(String accountId, String campaignId) {
    }

    CampaignCatalog(StoredCampaignRepository campaigns, StoredMessageRepository messages, ListMemberships lists,
            SegmentMemberships segments, TemplateRenderer templates, TenantTransactions transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.campaigns = campaigns;
        this.messages = messages;
        this.lists = lists;
        this.segments = segments;
        this.templates = templates;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** A draft campaign and its message. */
    Campaign create(String accountId, CampaignSettings settings, MessageContent content, String templateId) {
        checkAudiences(accountId, settings);
        checkTemplate(accountId, templateId);
        Instant now = clock.instant();
        return transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = campaigns.save(new StoredCampaign(Ids.newId(), settings, now));
            StoredMessage message = messages.save(new StoredMessage(Ids.newId(), campaign.id(), content, templateId,
                    now));
            return view(accountId, campaign, message);
        });
    }

    @Override
    public Optional<Campaign> find(String accountId, String campaignId) {
        if (campaignId == null || campaignId.isBlank()) {
            return Optional.empty();
        }
        return transactions.inAccount(accountId, () -> campaigns.findById(campaignId)
            .map(campaign -> view(accountId, campaign, messages.findByCampaignId(campaignId).orElse(null))));
    }

    @Override
    public Optional<Campaign> recent(String accountId, String campaignId) {
        return recent.get(new AccountCampaign(accountId, campaignId), key -> find(accountId, campaignId));
    }

    /** The campaign whose message this is. */
    Optional<Campaign> findByMessage(String accountId, String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return Optional.empty();
        }
        return transactions.inAccount(accountId, () -> messages.findById(messageId)
            .flatMap(message -> campaigns.findById(message.campaignId())
                .map(campaign -> view(accountId, campaign, message))));
    }

    /** Every campaign of the account, newest first. */
    List<Campaign> all(String accountId) {
        return transactions.inAccount(accountId, () -> campaigns.findAllByOrderByCreatedAtDescIdDesc().stream()
            .map(campaign -> view(accountId, campaign, messages.findByCampaignId(campaign.id()).orElse(null)))
            .toList());
    }

    /** The latest recipient estimate and when it was made, if one was. */
    Optional<Estimate> estimate(String accountId, String campaignId) {
        return transactions.inAccount(accountId, () -> campaigns.findById(campaignId)
            .filter(campaign -> campaign.estimatedRecipients() != null)
            .map(campaign -> new Estimate(campaign.estimatedRecipients(), campaign.estimatedAt())));
    }

    void recordEstimate(String accountId, String campaignId, long recipients) {
        transactions.inAccount(accountId, () -> {
            campaigns.findById(campaignId).ifPresent(campaign -> campaign.estimated(recipients, clock.instant()));
            return null;
        });
    }

    /** Changes a draft's settings (already merged with the current ones). */
    Campaign update(String accountId, String campaignId, CampaignSettings settings) {
        checkAudiences(accountId, settings);
        return transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = draft(campaignId, "changed");
            campaign.apply(settings, clock.instant());
            return view(accountId, campaign, messages.findByCampaignId(campaignId).orElse(null));
        });
    }

    /** Changes a draft's message. */
    Campaign updateMessage(String accountId, String messageId, MessageContent content) {
        return transactions.inAccount(accountId, () -> {
            StoredMessage message = messages.findById(messageId)
                .orElseThrow(() -> new UnknownMessageException(messageId));
            StoredCampaign campaign = draft(message.campaignId(), "changed");
            message.apply(content, clock.instant());
            return view(accountId, campaign, message);
        });
    }

    /** Assigns a template to a draft's message (an unknown message is reported before an unknown template). */
    Campaign assignTemplate(String accountId, String messageId, String templateId) {
        if (findByMessage(accountId, messageId).isEmpty()) {
            throw new UnknownMessageException(messageId);
        }
        checkTemplate(accountId, templateId);
        return transactions.inAccount(accountId, () -> {
            StoredMessage message = messages.findById(messageId)
                .orElseThrow(() -> new UnknownMessageException(messageId));
            StoredCampaign campaign = draft(message.campaignId(), "changed");
            message.assign(templateId, clock.instant());
            return view(accountId, campaign, message);
        });
    }

    void delete(String accountId, String campaignId) {
        transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = draft(campaignId, "deleted");
            messages.deleteByCampaignId(campaignId);
            campaigns.delete(campaign);
            return null;
        });
    }

    /** A new draft with the campaign's settings and message, whatever its status (a sent one is cloned to resend). */
    Campaign copy(String accountId, String campaignId, String newName) {
        Campaign original = find(accountId, campaignId).orElseThrow(() -> new UnknownCampaignException(campaignId));
        CampaignSettings settings = new CampaignSettings(newName == null || newName.isBlank() ? "Copy of " + original.name() : newName,
                original.included(), original.excluded(), original.sendStrategy(), original.sendAt(),
                original.throttleHours(), original.smartSending(), original.smartSendingHours());
        Campaign.Message message = original.message();
        MessageContent content = message == null ? MessageContent.EMPTY
                : new MessageContent(message.label(), message.subject(), message.previewText(), message.fromEmail(),
                        message.fromLabel(), message.replyToEmail());
        Instant now = clock.instant();
        return transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = campaigns.save(new StoredCampaign(Ids.newId(), settings, now));
            StoredMessage copy = messages.save(new StoredMessage(Ids.newId(), campaign.id(), content,
                    message == null ? null : message.templateId(), now));
            return view(accountId, campaign, copy);
        });
    }

    @Override
    public Campaign schedule(String accountId, String campaignId, Instant sendTime) {
        return transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = draft(campaignId, "scheduled");
            campaign.scheduleFor(sendTime, clock.instant());
            events.publishEvent(new CampaignScheduled(accountId, campaignId, sendTime));
            return view(accountId, campaign, messages.findByCampaignId(campaignId).orElse(null));
        });
    }

    /**
     * Sends a draft: scheduled for now, or for its static send time when that is still to come. The draft must have
     * a message with a template and at least one included audience.
     */
    Campaign send(String accountId, String campaignId) {
        Campaign campaign = find(accountId, campaignId).orElseThrow(() -> new UnknownCampaignException(campaignId));
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw new CampaignStateException(campaign.status(), "Only a draft campaign can be sent; this one is %s."
                .formatted(campaign.status().label().toLowerCase(java.util.Locale.ROOT)));
        }
        if (campaign.message() == null || campaign.message().templateId() == null) {
            throw new NotReadyException("The campaign's message has no template: assign one first.");
        }
        if (campaign.included().isEmpty()) {
            throw new NotReadyException("The campaign has no included list or segment.");
        }
        Instant now = clock.instant();
        Instant sendTime = campaign.sendStrategy() != dev.magpie.campaigns.SendStrategy.IMMEDIATE
                && campaign.sendAt() != null && campaign.sendAt().isAfter(now) ? campaign.sendAt() : now;
        return schedule(accountId, campaignId, sendTime);
    }

    /** Puts a scheduled campaign that has not started sending back to draft (Klaviyo's {@code revert}). */
    Campaign revert(String accountId, String campaignId) {
        return transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = stored(campaignId);
            if (campaign.status() != CampaignStatus.SCHEDULED) {
                throw new CampaignStateException(campaign.status(),
                        "Only a scheduled campaign that has not started sending can be reverted; this one is %s."
                            .formatted(campaign.status().label().toLowerCase(java.util.Locale.ROOT)));
            }
            campaign.moveTo(CampaignStatus.DRAFT, clock.instant());
            return view(accountId, campaign, messages.findByCampaignId(campaignId).orElse(null));
        });
    }

    @Override
    public Campaign cancel(String accountId, String campaignId) {
        Campaign cancelled = transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = stored(campaignId);
            if (campaign.status() != CampaignStatus.SCHEDULED && campaign.status() != CampaignStatus.SENDING) {
                throw new CampaignStateException(campaign.status(),
                        "Only a scheduled or sending campaign can be cancelled; this one is %s."
                            .formatted(campaign.status().label().toLowerCase(java.util.Locale.ROOT)));
            }
            Instant now = clock.instant();
            campaign.moveTo(CampaignStatus.CANCELLED, now);
            events.publishEvent(new CampaignCancelled(accountId, campaignId, now));
            return view(accountId, campaign, messages.findByCampaignId(campaignId).orElse(null));
        });
        // Committed: the send workers of this instance stop at once
        recent.remove(new AccountCampaign(accountId, campaignId));
        return cancelled;
    }

    @Override
    public Campaign advance(String accountId, String campaignId, CampaignStatus to) {
        return transactions.inAccount(accountId, () -> {
            StoredCampaign campaign = stored(campaignId);
            boolean allowed = to == CampaignStatus.SENDING && campaign.status() == CampaignStatus.SCHEDULED
                    || to == CampaignStatus.SENT && campaign.status() == CampaignStatus.SENDING;
            if (!allowed) {
                throw new CampaignStateException(campaign.status(),
                        "A %s campaign cannot become %s.".formatted(campaign.status().label(), to.label()));
            }
            campaign.moveTo(to, clock.instant());
            return view(accountId, campaign, messages.findByCampaignId(campaignId).orElse(null));
        });
    }

    private StoredCampaign stored(String campaignId) {
        return campaigns.findById(campaignId).orElseThrow(() -> new UnknownCampaignException(campaignId));
    }

    private StoredCampaign draft(String campaignId, String verb) {
        StoredCampaign campaign = stored(campaignId);
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw new CampaignStateException(campaign.status(), "Only a draft campaign can be %s; this one is %s."
                .formatted(verb, campaign.status().label().toLowerCase(java.util.Locale.ROOT)));
        }
        return campaign;
    }

    private void checkAudiences(String accountId, CampaignSettings settings) {
        check(accountId, "included", settings.included());
        check(accountId, "excluded", settings.excluded());
    }

    private void check(String accountId, String which, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!lists.exists(accountId, id) && !segments.exists(accountId, id)) {
                throw new UnknownReferenceException(which + "/" + i,
                        "There is no list or segment with id %s in this account.".formatted(shorten(id)));
            }
        }
    }

    private void checkTemplate(String accountId, String templateId) {
        if (templateId != null && !templates.exists(accountId, templateId)) {
            throw new UnknownReferenceException("template",
                    "There is no template with id %s in this account.".formatted(shorten(templateId)));
        }
    }

    static String shorten(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }

    private static Campaign view(String accountId, StoredCampaign campaign, StoredMessage message) {
        CampaignSettings settings = campaign.settings();
        return new Campaign(campaign.id(), accountId, campaign.name(), campaign.status(), settings.included(),
                settings.excluded(), settings.sendStrategy(), settings.sendAt(), settings.throttleHours(),
                settings.smartSending(), settings.smartSendingHours(), campaign.createdAt(), campaign.updatedAt(),
                campaign.scheduledAt(), campaign.sendTime(), message == null ? null : message.view());
    }

    /** A recipient estimate: how many, computed when. */
    record Estimate(long recipients, Instant at) {
    }

    /** A draft that cannot be sent as it is (no template, no audience). */
    static class NotReadyException extends RuntimeException {

        NotReadyException(String message) {
            super(message);
        }
    }

    /** The account has no campaign message with this id. */
    static class UnknownMessageException extends RuntimeException {

        UnknownMessageException(String id) {
            super("No campaign message " + id);
        }
    }
}
