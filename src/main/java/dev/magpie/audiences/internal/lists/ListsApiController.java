package dev.magpie.audiences.internal.lists;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.audiences.UnknownListException;
import dev.magpie.audiences.internal.lists.ListMembersStore.MemberPage;
import dev.magpie.audiences.internal.lists.ListMembersStore.Membership;
import dev.magpie.audiences.internal.lists.ListResources.ListAttributes;
import dev.magpie.audiences.internal.lists.ListResources.ProfileView;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.PageCursor;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.Paged;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import dev.magpie.web.api.ResourceIdentifier;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Lists API: Get Lists, Create List, Get List, Update List, Delete List, Get Profiles for List (and their
 * ids), Add Profiles to List and Remove Profiles from List. A list id of another account, like an unknown one, is a
 * 404. Adding or removing profiles here leaves their consent alone, as in Klaviyo: subscribing is
 * {@code POST /api/profile-subscription-bulk-create-jobs}.
 */
@RestController
@RequestMapping("/api/lists")
class ListsApiController {

    static final String ADDITIONAL_FIELDS = "additional-fields[list]";

    private final ListCatalog catalog;

    private final ListMembersStore members;

    private final ListRoster roster;

    private final Profiles profiles;

    ListsApiController(ListCatalog catalog, ListMembersStore members, ListRoster roster, Profiles profiles) {
        this.catalog = catalog;
        this.members = members;
        this.roster = roster;
        this.profiles = profiles;
    }

    @GetMapping
    @RequiresScope("lists:read")
    @RateLimited(RateLimitTier.L)
    CollectionDocument<ListAttributes> lists(@RequestParam(required = false) String sort,
            @Paged(defaultSize = 10, maxSize = 100) CursorPageRequest page, HttpServletRequest request) {
        List<ListDefinition> all = new ArrayList<>(catalog.all(TenantContext.requireAccountId()));
        all.sort(order(sort));
        return CollectionDocument.page(all, ListDefinition::id, list -> ListResources.list(list, null), page, request);
    }

    @PostMapping
    @RequiresScope("lists:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<ResourceDocument<ListAttributes>> create(@RequestBody JsonNode body) {
        JsonNode data = ListRequests.resource(body, ListResources.LIST);
        String name = ListRequests.name(ListRequests.string(data, "name"));
        String optIn = ListRequests.string(data, "opt_in_process");
        OptInProcess process = optIn == null ? OptInProcess.SINGLE_OPT_IN : ListRequests.optInProcess(optIn);
        ListDefinition list = catalog.create(TenantContext.requireAccountId(), name, process);
        return ResponseEntity.status(HttpStatus.CREATED)
            .location(URI.create(ListResources.url("/api/lists/" + list.id() + "/")))
            .body(ResourceDocument.of(ListResources.list(list, null)));
    }

    @GetMapping("/{id}")
    @RequiresScope("lists:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<ListAttributes> list(@PathVariable String id,
            @RequestParam(name = ADDITIONAL_FIELDS, required = false) String additionalFields) {
        String accountId = TenantContext.requireAccountId();
        ListDefinition list = find(accountId, id);
        boolean count = false;
        if (additionalFields != null) {
            for (String field : additionalFields.split(",")) {
                if (!field.strip().equals("profile_count")) {
                    throw ApiException.invalidParameter(ADDITIONAL_FIELDS,
                            "'%s' is not an additional field of a list; use profile_count.".formatted(field.strip()));
                }
                count = true;
            }
        }
        return ResourceDocument.of(ListResources.list(list, count ? members.count(accountId, id) : null));
    }

    @PatchMapping("/{id}")
    @RequiresScope("lists:write")
    @RateLimited(RateLimitTier.M)
    ResourceDocument<ListAttributes> update(@PathVariable String id, @RequestBody JsonNode body) {
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        JsonNode data = ListRequests.resource(body, ListResources.LIST);
        JsonNode bodyId = data.get("id");
        if (bodyId == null || !bodyId.isString() || !bodyId.asString().equals(id)) {
            throw ApiException.invalidInput("/data/id", "data.id must be the id in the path.");
        }
        String name = ListRequests.string(data, "name");
        String optIn = ListRequests.string(data, "opt_in_process");
        ListDefinition list = catalog.update(accountId, id, name == null ? null : ListRequests.name(name),
                optIn == null ? null : ListRequests.optInProcess(optIn));
        return ResourceDocument.of(ListResources.list(list, null));
    }

    @DeleteMapping("/{id}")
    @RequiresScope("lists:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<Void> delete(@PathVariable String id) {
        try {
            catalog.delete(TenantContext.requireAccountId(), id);
        }
        catch (UnknownListException unknown) {
            throw ListResources.listNotFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/profiles")
    @RequiresScope({ "lists:read", "profiles:read" })
    @RateLimited(RateLimitTier.L)
    CollectionDocument<ProfileView> profiles(@PathVariable String id,
            @Paged(defaultSize = 20, maxSize = 100) CursorPageRequest page, HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        MemberPage found = membersPage(accountId, id, page);
        List<Resource<ProfileView>> resources = new ArrayList<>();
        // Pending double opt-ins are not members yet; the page may then hold fewer than asked, with a next link
        for (Membership member : found.members()) {
            if (!member.confirmed()) {
                continue;
            }
            profiles.find(accountId, member.profileId())
                .ifPresent(profile -> resources.add(ListResources.profile(profile, member.since())));
        }
        return CollectionDocument.of(resources,
                PageLinks.of(request, found.next().map(PageCursor::after).orElse(null), null));
    }

    @GetMapping("/{id}/relationships/profiles")
    @RequiresScope({ "lists:read", "profiles:read" })
    @RateLimited(RateLimitTier.L)
    Map<String, Object> profileIds(@PathVariable String id,
            @Paged(defaultSize = 20, maxSize = 1000) CursorPageRequest page, HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        MemberPage found = membersPage(accountId, id, page);
        return Map.of("data", found.members().stream()
            .filter(Membership::confirmed)
            .map(member -> new ResourceIdentifier(ListResources.PROFILE, member.profileId()))
            .toList(), "links", PageLinks.of(request, found.next().map(PageCursor::after).orElse(null), null));
    }

    @PostMapping("/{id}/relationships/profiles")
    @RequiresScope({ "lists:write", "profiles:write" })
    @RateLimited(RateLimitTier.M)
    ResponseEntity<Void> addProfiles(@PathVariable String id, @RequestBody JsonNode body) {
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        roster.add(accountId, id, resolve(accountId, ListRequests.profileIds(body)));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/relationships/profiles")
    @RequiresScope({ "lists:write", "profiles:write" })
    @RateLimited(RateLimitTier.M)
    ResponseEntity<Void> removeProfiles(@PathVariable String id, @RequestBody JsonNode body) {
        String accountId = TenantContext.requireAccountId();
        find(accountId, id);
        roster.remove(accountId, id, resolve(accountId, ListRequests.profileIds(body)));
        return ResponseEntity.noContent().build();
    }

    /**
     * The profiles the ids name (a merged-away id names its survivor), all checked before anything is stored: an
     * id the account does not have is refused with its pointer.
     */
    private List<String> resolve(String accountId, List<String> ids) {
        List<String> resolved = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Optional<Profile> profile = profiles.find(accountId, ids.get(i));
            if (profile.isEmpty()) {
                throw ApiException.invalidInput("/data/" + i + "/id",
                        "There is no profile with id '%s'.".formatted(ListResources.shorten(ids.get(i))));
            }
            resolved.add(profile.get().id());
        }
        return resolved;
    }

    private MemberPage membersPage(String accountId, String listId, CursorPageRequest page) {
        Optional<String> after = page.cursor().filter(cursor -> !cursor.position().isEmpty())
            .map(cursor -> cursor.position().get(0));
        return members.page(accountId, listId, after, page.size());
    }

    private ListDefinition find(String accountId, String id) {
        return catalog.find(accountId, id).orElseThrow(() -> ListResources.listNotFound(id));
    }

    private static Comparator<ListDefinition> order(String sort) {
        if (sort == null || sort.isBlank()) {
            return Comparator.comparing(ListDefinition::id);
        }
        boolean descending = sort.startsWith("-");
        Comparator<ListDefinition> order = switch (descending ? sort.substring(1) : sort) {
            case "id" -> Comparator.comparing(ListDefinition::id);
            case "name" -> Comparator.comparing(ListDefinition::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(ListDefinition::id);
            case "created" -> Comparator.comparing(ListDefinition::createdAt).thenComparing(ListDefinition::id);
            case "updated" -> Comparator.comparing(ListDefinition::updatedAt).thenComparing(ListDefinition::id);
            default -> throw ApiException.invalidParameter("sort",
                    "Lists can be sorted by id, name, created or updated (prefix - for descending).");
        };
        return descending ? order.reversed() : order;
    }
}
