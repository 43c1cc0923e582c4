package dev.magpie.campaigns.internal;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.campaigns.internal.CampaignResources.JobAttributes;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
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
 * Klaviyo's Send Campaign, Get Campaign Send Job and Cancel Campaign Send. As in Klaviyo the send job's id is the
 * campaign's: sending schedules the draft, and the sending module's launcher takes it from there when its time
 * comes. Rate limits are Klaviyo's (burst 10/s, steady 150/m). The job's status is read from the campaign's: scheduled is {@code queued}, sending {@code processing},
 * sent {@code complete}, cancelled {@code cancelled}; a draft has no send job.
 */
@RestController
class CampaignSendJobsApiController {

    static final String SEND_JOB = "campaign-send-job";

    private final CampaignCatalog catalog;

    private final Campaigns campaigns;

    CampaignSendJobsApiController(CampaignCatalog catalog, Campaigns campaigns) {
        this.catalog = catalog;
        this.campaigns = campaigns;
    }

    @PostMapping("/api/campaign-send-jobs")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<ResourceDocument<JobAttributes>> send(@RequestBody JsonNode body) {
        JsonNode data = CampaignRequests.resource(body, SEND_JOB);
        String id = CampaignRequests.id(data);
        Campaign scheduled = CampaignApiErrors.translate(() -> {
            try {
                return catalog.send(TenantContext.requireAccountId(), id);
            }
            catch (CampaignCatalog.NotReadyException notReady) {
                throw ApiException.of(HttpStatus.BAD_REQUEST, notReady.getMessage(), Source.DOCUMENT);
            }
        }, id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ResourceDocument.of(job(scheduled)));
    }

    @GetMapping("/api/campaign-send-jobs/{id}")
    @RequiresScope("campaigns:read")
    @RateLimited(RateLimitTier.M)
    ResourceDocument<JobAttributes> get(@PathVariable String id) {
        Campaign campaign = catalog.find(TenantContext.requireAccountId(), id)
            .filter(found -> status(found) != null)
            .orElseThrow(() -> ApiException.notFound(
                    "There is no send job for campaign %s.".formatted(CampaignCatalog.shorten(id))));
        return ResourceDocument.of(job(campaign));
    }

    /** {@code cancel} stops a scheduled or sending campaign for good; {@code revert} puts a scheduled one back to draft. */
    @PatchMapping("/api/campaign-send-jobs/{id}")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<Void> update(@PathVariable String id, @RequestBody JsonNode body) {
        JsonNode data = CampaignRequests.resource(body, SEND_JOB);
        if (!id.equals(CampaignRequests.id(data))) {
            throw ApiException.of(HttpStatus.CONFLICT, "data.id must be the id in the path.",
                    Source.pointer("/data/id"));
        }
        JsonNode action = data.at("/attributes/action");
        String accountId = TenantContext.requireAccountId();
        if (catalog.find(accountId, id).isEmpty()) {
            throw CampaignResources.notFound(id);
        }
        switch (action.isString() ? action.asString() : "") {
            case "cancel" -> CampaignApiErrors.translate(() -> campaigns.cancel(accountId, id), id);
            case "revert" -> CampaignApiErrors.translate(() -> catalog.revert(accountId, id), id);
            default -> throw ApiException.invalidInput("/data/attributes/action",
                    "action must be 'cancel' or 'revert'.");
        }
        return ResponseEntity.noContent().build();
    }

    private static Resource<JobAttributes> job(Campaign campaign) {
        return Resource.of(SEND_JOB, campaign.id(), new JobAttributes(status(campaign)),
                CampaignResources.url("/api/campaign-send-jobs/" + campaign.id() + "/"));
    }

    private static String status(Campaign campaign) {
        return switch (campaign.status()) {
            case DRAFT -> null;
            case SCHEDULED -> "queued";
            case SENDING -> "processing";
            case SENT -> "complete";
            case CANCELLED -> "cancelled";
        };
    }
}
