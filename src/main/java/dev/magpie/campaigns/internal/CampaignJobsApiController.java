package dev.magpie.campaigns.internal;

import java.net.URI;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.internal.CampaignResources.CampaignAttributes;
import dev.magpie.campaigns.internal.CampaignResources.EstimationAttributes;
import dev.magpie.campaigns.internal.CampaignResources.JobAttributes;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Clone Campaign, Refresh Campaign Recipient Estimation and Get Campaign Recipient Estimation. The
 * estimation job runs synchronously (it streams the audience once; see {@link RecipientStream}), so it answers
 * already complete; as in Klaviyo, its id and the estimation's id are the campaign's id.
 */
@RestController
class CampaignJobsApiController {

    private final CampaignCatalog catalog;

    private final CampaignAudience audience;

    CampaignJobsApiController(CampaignCatalog catalog, CampaignAudience audience) {
        this.catalog = catalog;
        this.audience = audience;
    }

    /** Clones any campaign (a sent one to resend it) into a new draft, named {@code new_name} when given. */
    @PostMapping("/api/campaign-clone")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<ResourceDocument<CampaignAttributes>> cloneCampaign(@RequestBody JsonNode body) {
        JsonNode data = CampaignRequests.resource(body, CampaignResources.CAMPAIGN);
        String id = CampaignRequests.id(data);
        JsonNode newName = data.at("/attributes/new_name");
        if (!newName.isMissingNode() && !newName.isNull()
                && (!newName.isString() || newName.asString().strip().length() > CampaignRequests.MAX_NAME)) {
            throw ApiException.invalidInput("/data/attributes/new_name",
                    "new_name must be a name of at most %d characters.".formatted(CampaignRequests.MAX_NAME));
        }
        String name = newName.isString() ? newName.asString().strip() : null;
        Campaign copy = CampaignApiErrors.translate(() -> catalog.copy(TenantContext.requireAccountId(), id, name),
                id);
        return ResponseEntity.status(HttpStatus.CREATED)
            .location(URI.create(CampaignResources.url("/api/campaigns/" + copy.id() + "/")))
            .body(ResourceDocument.of(CampaignResources.campaign(copy)));
    }

    @PostMapping("/api/campaign-recipient-estimation-jobs")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.S)
    ResponseEntity<ResourceDocument<JobAttributes>> estimate(@RequestBody JsonNode body) {
        JsonNode data = CampaignRequests.resource(body, CampaignResources.ESTIMATION_JOB);
        String id = CampaignRequests.id(data);
        CampaignApiErrors.translate(() -> audience.estimate(TenantContext.requireAccountId(), id), id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ResourceDocument.of(Resource.of(
                CampaignResources.ESTIMATION_JOB, id, new JobAttributes("complete"),
                CampaignResources.url("/api/campaign-recipient-estimation-jobs/" + id + "/"))));
    }

    @GetMapping("/api/campaign-recipient-estimation-jobs/{id}")
    @RequiresScope("campaigns:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<JobAttributes> job(@PathVariable String id) {
        String accountId = TenantContext.requireAccountId();
        catalog.find(accountId, id).orElseThrow(() -> CampaignResources.notFound(id));
        String status = catalog.estimate(accountId, id).isPresent() ? "complete" : "not_started";
        return ResourceDocument.of(Resource.of(CampaignResources.ESTIMATION_JOB, id, new JobAttributes(status),
                CampaignResources.url("/api/campaign-recipient-estimation-jobs/" + id + "/")));
    }

    @GetMapping("/api/campaign-recipient-estimations/{id}")
    @RequiresScope("campaigns:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<EstimationAttributes> estimation(@PathVariable String id) {
        String accountId = TenantContext.requireAccountId();
        catalog.find(accountId, id).orElseThrow(() -> CampaignResources.notFound(id));
        CampaignCatalog.Estimate estimate = catalog.estimate(accountId, id)
            .orElseThrow(() -> ApiException.notFound(("Campaign %s has no recipient estimation yet: start one with "
                    + "POST /api/campaign-recipient-estimation-jobs.").formatted(CampaignCatalog.shorten(id))));
        return ResourceDocument.of(Resource.of(CampaignResources.ESTIMATION, id,
                new EstimationAttributes(estimate.recipients(), CampaignResources.format(estimate.at())),
                CampaignResources.url("/api/campaign-recipient-estimations/" + id + "/")));
    }
}
