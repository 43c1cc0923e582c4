package dev.magpie.audiences.internal.lists;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.magpie.audiences.internal.lists.ListMembersStore.Membership;
import dev.magpie.audiences.internal.lists.ListResources.ListAttributes;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.ResourceIdentifier;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Klaviyo's Get Lists for Profile and Get List IDs for Profile: the lists the profile is a confirmed member of
 * (pending double opt-ins are not memberships yet). A profile id of another account is a 404.
 */
@RestController
class ProfileListsApiController {

    private final Profiles profiles;

    private final ListMembersStore members;

    private final ListCatalog catalog;

    ProfileListsApiController(Profiles profiles, ListMembersStore members, ListCatalog catalog) {
        this.profiles = profiles;
        this.members = members;
        this.catalog = catalog;
    }

    @GetMapping("/api/profiles/{id}/lists")
    @RequiresScope({ "lists:read", "profiles:read" })
    @RateLimited(RateLimitTier.S)
    CollectionDocument<ListAttributes> lists(@PathVariable String id, HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        return CollectionDocument.of(lists(accountId, id).stream().map(list -> ListResources.list(list, null))
            .toList(), PageLinks.of(request, null, null));
    }

    @GetMapping("/api/profiles/{id}/relationships/lists")
    @RequiresScope({ "lists:read", "profiles:read" })
    @RateLimited(RateLimitTier.S)
    Map<String, Object> listIds(@PathVariable String id, HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        return Map.of("data", lists(accountId, id).stream()
            .map(list -> new ResourceIdentifier(ListResources.LIST, list.id()))
            .toList(), "links", PageLinks.of(request, null, null));
    }

    private List<ListDefinition> lists(String accountId, String id) {
        Profile profile = profiles.find(accountId, id).orElseThrow(() -> ListResources.profileNotFound(id));
        Set<String> confirmed = members.ofProfile(accountId, profile.id()).stream()
            .filter(Membership::confirmed)
            .map(Membership::listId)
            .collect(Collectors.toSet());
        return catalog.all(accountId).stream().filter(list -> confirmed.contains(list.id())).toList();
    }
}
