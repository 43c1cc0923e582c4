package dev.magpie.imports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.magpie.tenancy.ApiKeyPrincipal;
import dev.magpie.web.api.ApiError;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterOperator;
import dev.magpie.web.api.FilterSpec;
import dev.magpie.web.api.FilterSpec.FieldType;
import dev.magpie.web.api.FilterValue;
import dev.magpie.web.api.JsonApi;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.Paged;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.Relationship;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Klaviyo's Bulk Import Profiles API: create a job of up to 10,000 profiles (5 MB, 100 KB per profile), follow it,
 * and read the profiles it could not import. A request that breaks the document's shape or those limits is
 * refused whole (400 or 413, naming the spot); a profile whose values are refused (an email that is not one, no
 * identifier at all) fails alone and is listed under the job's import-errors, as Klaviyo reports them.
 */
@RestController
@RequestMapping("/api/profile-bulk-import-jobs")
@RateLimited(RateLimitTier.M)
class ProfileBulkImportJobsApiController {

    static final int MAX_PROFILES = 10_000;

    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    static final int MAX_PROFILE_BYTES = 100 * 1024;

    private static final String PROFILES = "/data/attributes/profiles/data";

    /** Sorts after every ULID, whatever the column's collation (which puts punctuation before letters). */
    private static final String AFTER_EVERY_ID = "Z".repeat(27);

    private static final FilterSpec FILTERS = FilterSpec.builder()
        .field("status", FieldType.STRING, FilterOperator.EQUALS)
        .build();

    private static final Map<String, ImportStatus> STATUSES = Map.of("queued", ImportStatus.QUEUED, "processing",
            ImportStatus.PROCESSING, "complete", ImportStatus.COMPLETE, "cancelled", ImportStatus.CANCELLED);

    private final ApiImports imports;

    private final ImportJobRepository jobs;

    private final ImportErrorRepository errors;

    private final JsonMapper json;

    ProfileBulkImportJobsApiController(ApiImports imports, ImportJobRepository jobs, ImportErrorRepository errors,
            JsonMapper json) {
        this.imports = imports;
        this.jobs = jobs;
        this.errors = errors;
        this.json = json;
    }

    @PostMapping(consumes = { JsonApi.MEDIA_TYPE_VALUE, MediaType.APPLICATION_JSON_VALUE })
    @RequiresScope("profiles:write")
    ResponseEntity<ResourceDocument<BulkImportJobAttributes>> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            HttpServletRequest request) throws IOException {
        JsonNode profiles = profiles(read(request));
        ImportJob job = imports.create(key.accountId(), profiles, key.keyId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ResourceDocument.of(resource(job)));
    }

    @GetMapping
    @RequiresScope("profiles:read")
    CollectionDocument<BulkImportJobAttributes> list(@RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort, @Paged(defaultSize = 20, maxSize = 100) CursorPageRequest page,
            HttpServletRequest request) {
        ImportStatus status = status(filter);
        boolean newestFirst = newestFirst(sort);
        KeysetPage.Forward<ImportJob> ascending = (after, limit) -> jobs.pageAscending(ImportKind.API, status,
                after == null ? "" : after, Limit.of(limit));
        KeysetPage.Forward<ImportJob> descending = (before, limit) -> jobs.pageDescending(ImportKind.API, status,
                before == null ? AFTER_EVERY_ID : before, Limit.of(limit));
        KeysetPage<ImportJob> jobs = newestFirst ? KeysetPage.of(page, descending, ascending, ImportJob::id)
                : KeysetPage.of(page, ascending, descending, ImportJob::id);
        return CollectionDocument.of(jobs.items().stream().map(this::resource).toList(),
                PageLinks.of(request, jobs.next(), jobs.prev()));
    }

    @GetMapping("/{id}")
    @RequiresScope("profiles:read")
    ResourceDocument<BulkImportJobAttributes> job(@PathVariable String id) {
        return ResourceDocument.of(resource(find(id)));
    }

    @GetMapping("/{id}/import-errors")
    @RequiresScope("profiles:read")
    CollectionDocument<ImportErrorAttributes> importErrors(@PathVariable String id,
            @Paged(defaultSize = 20, maxSize = 100) CursorPageRequest page, HttpServletRequest request) {
        ImportJob job = find(id);
        KeysetPage<ImportError> failed = KeysetPage.of(page,
                (after, limit) -> errors.page(job.id(), after == null ? -1 : row(after), Limit.of(limit)),
                (before, limit) -> errors.pageBackwards(job.id(), row(before), Limit.of(limit)),
                error -> Integer.toString(error.rowNumber()));
        return CollectionDocument.of(failed.items().stream().map(this::errorResource).toList(),
                PageLinks.of(request, failed.next(), failed.prev()));
    }

    private ImportJob find(String id) {
        return jobs.findByIdAndKind(id, ImportKind.API)
            .orElseThrow(() -> ApiException.notFound("There is no bulk import job with id '%s'.".formatted(id)));
    }

    /** The request body, refused with 413 beyond 5 MB; read without trusting Content-Length alone. */
    private static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) != -1;) {
                body.write(buffer, 0, read);
                if (body.size() > MAX_BODY_BYTES) {
                    throw tooLarge();
                }
            }
        }
        return body.toByteArray();
    }

    /** The profiles array of a well-formed request; anything else is a 400 pointing at the spot. */
    private JsonNode profiles(byte[] body) {
        JsonNode document;
        try {
            document = json.readTree(body);
        }
        catch (JacksonException unreadable) {
            throw ApiException.of(HttpStatus.BAD_REQUEST, "The request body is not a valid JSON document.",
                    ApiError.Source.DOCUMENT);
        }
        JsonNode data = document == null ? null : document.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The body needs a `data` object.");
        }
        if (!BulkImportJobAttributes.TYPE.equals(data.path("type").asString(""))) {
            throw ApiException.invalidInput("/data/type",
                    "`type` must be \"%s\".".formatted(BulkImportJobAttributes.TYPE));
        }
        JsonNode lists = data.path("relationships").path("lists").path("data");
        if (lists.isArray() && !lists.isEmpty()) {
            throw ApiException.invalidInput("/data/relationships/lists",
                    "Adding imported profiles to lists is not supported yet; send the job without relationships.lists.");
        }
        JsonNode profiles = data.path("attributes").path("profiles").path("data");
        if (!profiles.isArray()) {
            throw ApiException.invalidInput(PROFILES, "`data.attributes.profiles.data` must be a list of profiles.");
        }
        if (profiles.isEmpty() || profiles.size() > MAX_PROFILES) {
            throw ApiException.invalidInput(PROFILES,
                    "A bulk import job takes from 1 to %,d profiles; this one has %,d.".formatted(MAX_PROFILES,
                            profiles.size()));
        }
        for (int i = 0; i < profiles.size(); i++) {
            checkProfile(profiles.get(i), PROFILES + "/" + i);
        }
        return profiles;
    }

    private void checkProfile(JsonNode profile, String pointer) {
        if (!profile.isObject()) {
            throw ApiException.invalidInput(pointer, "Each profile must be an object.");
        }
        if (!"profile".equals(profile.path("type").asString(""))) {
            throw ApiException.invalidInput(pointer + "/type", "`type` must be \"profile\".");
        }
        if (!profile.path("attributes").isObject()) {
            throw ApiException.invalidInput(pointer + "/attributes", "Each profile needs an `attributes` object.");
        }
        if (!profile.path("attributes").path("meta").path("patch_properties").isMissingNode()) {
            throw ApiException.invalidInput(pointer + "/attributes/meta/patch_properties",
                    "Bulk import jobs do not support meta.patch_properties; use POST /api/profile-import for it.");
        }
        if (json.writeValueAsBytes(profile).length > MAX_PROFILE_BYTES) {
            throw ApiException.invalidInput(pointer, "A profile may take at most 100 KB.");
        }
    }

    private static ImportStatus status(String filter) {
        return FILTERS.parse(filter).map(expression -> {
            Comparison comparison = expression.comparisons().get(0);
            String value = ((FilterValue.StringValue) comparison.value()).value().toLowerCase(Locale.ROOT);
            ImportStatus status = STATUSES.get(value);
            if (status == null || expression.comparisons().size() > 1) {
                throw ApiException.invalidParameter("filter",
                        "Filter on one status: queued, processing, complete or cancelled.");
            }
            return status;
        }).orElse(null);
    }

    private static boolean newestFirst(String sort) {
        if (sort == null || sort.isBlank() || sort.equals("created_at")) {
            return false;
        }
        if (sort.equals("-created_at")) {
            return true;
        }
        throw ApiException.invalidParameter("sort", "Sort by created_at or -created_at.");
    }

    private static int row(String cursor) {
        try {
            return Integer.parseInt(cursor);
        }
        catch (NumberFormatException unreadable) {
            throw ApiException.invalidParameter("page[cursor]",
                    "Invalid page cursor. Use the links.next or links.prev of a previous response as they are.");
        }
    }

    private Resource<BulkImportJobAttributes> resource(ImportJob job) {
        String self = url("/api/profile-bulk-import-jobs/{id}/", job.id());
        return Resource.of(BulkImportJobAttributes.TYPE, job.id(), BulkImportJobAttributes.of(job), self)
            .withRelationships(Map.of("lists", Relationship.toMany(List.of(), null), "import-errors",
                    new Relationship(null, new Relationship.Links(null,
                            url("/api/profile-bulk-import-jobs/{id}/import-errors/", job.id())))));
    }

    private Resource<ImportErrorAttributes> errorResource(ImportError error) {
        String pointer = ImportErrorAttributes.PROFILES_POINTER + error.rowNumber()
                + (error.field() == null ? "" : "/attributes/" + error.field().replace('.', '/'));
        Object original = null;
        if (error.original() != null) {
            try {
                original = json.readTree(error.original());
            }
            catch (JacksonException truncated) {
                original = null;
            }
        }
        ImportErrorAttributes attributes = new ImportErrorAttributes("invalid", "Invalid input.", error.message(),
                ApiError.Source.pointer(pointer), original);
        return new Resource<>(ImportErrorAttributes.TYPE, error.jobId() + "-" + error.rowNumber(), attributes,
                Map.of(), null);
    }

    private static String url(String path, String id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).buildAndExpand(id).toUriString();
    }

    private static ApiException tooLarge() {
        return ApiException.of(HttpStatus.PAYLOAD_TOO_LARGE,
                "A bulk import job may take at most 5 MB; send the profiles in several jobs.", ApiError.Source.DOCUMENT);
    }
}
