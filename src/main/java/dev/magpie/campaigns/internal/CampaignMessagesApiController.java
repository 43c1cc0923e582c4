package dev.magpie.campaigns.internal;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.internal.CampaignResources.MessageAttributes;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.ResourceDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's campaign message endpoints: Get Campaign Message, Update Campaign Message (its definition: label,
 * subject, preview text, sender, reply-to) and Assign Template to Campaign Message. A message of a campaign that
 * is no longer a draft cannot change (409). Another account's message or template, like an unknown one, is a
 * 404 or a 400 pointing at it.
 */
@RestController
class CampaignMessagesApiController {

    private final CampaignCatalog catalog;

    CampaignMessagesApiController(CampaignCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/campaign-messages/{id}")
    @RequiresScope("campaigns:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<MessageAttributes> message(@PathVariable String id) {
        return ResourceDocument.of(CampaignResources.message(catalog.findByMessage(TenantContext.requireAccountId(),
                id).orElseThrow(() -> CampaignResources.messageNotFound(id))));
    }

    @PatchMapping("/api/campaign-messages/{id}")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResourceDocument<MessageAttributes> update(@PathVariable String id, @RequestBody JsonNode body) {
        String accountId = TenantContext.requireAccountId();
        Campaign current = catalog.findByMessage(accountId, id)
            .orElseThrow(() -> CampaignResources.messageNotFound(id));
        JsonNode data = CampaignRequests.resource(body, CampaignResources.MESSAGE);
        if (!CampaignRequests.id(data).equals(id)) {
            throw ApiException.invalidInput("/data/id", "data.id must be the id in the path.");
        }
        Campaign.Message message = current.message();
        MessageContent content = CampaignRequests.message(data, "/data", new MessageContent(message.label(),
                message.subject(), message.previewText(), message.fromEmail(), message.fromLabel(),
                message.replyToEmail()));
        return ResourceDocument.of(CampaignResources.message(CampaignApiErrors.translate(
                () -> catalog.updateMessage(accountId, id, content), id)));
    }

    /** Assign Template: {@code data} names the message, {@code data.relationships.template.data.id} the template. */
    @PostMapping("/api/campaign-message-assign-template")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<ResourceDocument<MessageAttributes>> assignTemplate(@RequestBody JsonNode body) {
        JsonNode data = CampaignRequests.resource(body, CampaignResources.MESSAGE);
        String messageId = CampaignRequests.id(data);
        JsonNode template = data.at("/relationships/template/data");
        if (!template.isObject() || !"template".equals(template.path("type").asString(null))) {
            throw ApiException.invalidInput("/data/relationships/template/data/type", "The type must be 'template'.");
        }
        JsonNode templateId = template.get("id");
        if (templateId == null || !templateId.isString() || templateId.asString().isBlank()) {
            throw ApiException.invalidInput("/data/relationships/template/data/id", "The template's id is missing.");
        }
        Campaign campaign = CampaignApiErrors.translate(() -> catalog.assignTemplate(
                TenantContext.requireAccountId(), messageId, templateId.asString()), messageId);
        return ResponseEntity.status(HttpStatus.CREATED).body(ResourceDocument.of(CampaignResources.message(campaign)));
    }
}
