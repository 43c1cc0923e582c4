package dev.magpie.campaigns.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.Relationship;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceIdentifier;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Campaigns and campaign messages as Klaviyo's API shows them (revision 2026-07-15), with Magpie's additions:
 * {@code send_strategy.throttle_hours} and {@code send_options.smart_sending_hours}.
 */
final class CampaignResources {

    static final String CAMPAIGN = "campaign";

    static final String MESSAGE = "campaign-message";

    static final String ESTIMATION_JOB = "campaign-recipient-estimation-job";

    static final String ESTIMATION = "campaign-recipient-estimation";

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private CampaignResources() {
    }

    static Resource<CampaignAttributes> campaign(Campaign campaign) {
        Map<String, Object> strategy = new java.util.LinkedHashMap<>();
        strategy.put("method", campaign.sendStrategy() == SendStrategy.IMMEDIATE ? "immediate" : "static");
        if (campaign.sendStrategy() != SendStrategy.IMMEDIATE) {
            strategy.put("datetime", format(campaign.sendAt()));
            strategy.put("options", Map.of("is_local", campaign.sendStrategy() == SendStrategy.LOCAL));
        }
        strategy.put("throttle_hours", campaign.throttleHours());
        CampaignAttributes attributes = new CampaignAttributes(campaign.name(), campaign.status().label(), false,
                new Audiences(campaign.included(), campaign.excluded()),
                new SendOptions(campaign.smartSending(), campaign.smartSendingHours()), null, strategy,
                format(campaign.created()), format(campaign.scheduledAt()), format(campaign.updated()),
                format(campaign.sendTime()));
        List<ResourceIdentifier> messages = campaign.message() == null ? List.of()
                : List.of(new ResourceIdentifier(MESSAGE, campaign.message().id()));
        String self = url("/api/campaigns/" + campaign.id() + "/");
        return Resource.of(CAMPAIGN, campaign.id(), attributes, self)
            .withRelationships(Map.of("campaign-messages", Relationship.toMany(messages, null)));
    }

    static Resource<MessageAttributes> message(Campaign campaign) {
        Campaign.Message message = campaign.message();
        MessageAttributes attributes = new MessageAttributes(new Definition(StoredCampaign.EMAIL, message.label(),
                new Content(message.subject(), message.previewText(), message.fromEmail(), message.fromLabel(),
                        message.replyToEmail())), List.of(), format(message.created()), format(message.updated()));
        String self = url("/api/campaign-messages/" + message.id() + "/");
        // The relationship endpoints are not served yet, so relationships carry their data without links.
        Map<String, Relationship> relationships = new java.util.LinkedHashMap<>();
        relationships.put("campaign", Relationship.toOne(new ResourceIdentifier(CAMPAIGN, campaign.id()), null));
        if (message.templateId() != null) {
            relationships.put("template", Relationship.toOne(new ResourceIdentifier("template", message.templateId()),
                    null));
        }
        return Resource.of(MESSAGE, message.id(), attributes, self).withRelationships(relationships);
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("A campaign with id %s does not exist.".formatted(CampaignCatalog.shorten(id)));
    }

    static ApiException messageNotFound(String id) {
        return ApiException.notFound("A campaign message with id %s does not exist."
            .formatted(CampaignCatalog.shorten(id)));
    }

    static String format(Instant time) {
        return time == null ? null : DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
    }

    static String url(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    /** A campaign's attributes; {@code tracking_options} is null (tracking is not configurable yet). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CampaignAttributes(String name, String status, boolean archived, Audiences audiences,
            @JsonProperty("send_options") SendOptions sendOptions,
            @JsonProperty("tracking_options") Object trackingOptions,
            @JsonProperty("send_strategy") Map<String, Object> sendStrategy,
            @JsonProperty("created_at") String createdAt, @JsonProperty("scheduled_at") String scheduledAt,
            @JsonProperty("updated_at") String updatedAt, @JsonProperty("send_time") String sendTime) {
    }

    record Audiences(List<String> included, List<String> excluded) {
    }

    record SendOptions(@JsonProperty("use_smart_sending") boolean useSmartSending,
            @JsonProperty("smart_sending_hours") int smartSendingHours) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MessageAttributes(Definition definition, @JsonProperty("send_times") List<Object> sendTimes,
            @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Definition(String channel, String label, Content content) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Content(String subject, @JsonProperty("preview_text") String previewText,
            @JsonProperty("from_email") String fromEmail, @JsonProperty("from_label") String fromLabel,
            @JsonProperty("reply_to_email") String replyToEmail) {
    }

    record JobAttributes(String status) {
    }

    record EstimationAttributes(@JsonProperty("estimated_recipient_count") long estimatedRecipientCount,
            @JsonProperty("estimated_at") String estimatedAt) {
    }
}
