package dev.magpie.tenancy.internal;

import java.util.List;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.ApiKeyPrincipal;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Klaviyo's Accounts API: "Get Accounts" lists the one account the key belongs to (a quick way to test a
 * key), "Get Account" shows it by id. Any other account's id is answered as not found, whether it exists or
 * not, so a key learns nothing about other accounts.
 */
@RestController
@RequestMapping("/api/accounts")
@RequiresScope("accounts:read")
@RateLimited(RateLimitTier.XS)
class AccountsApiController {

    private final AccountDirectory accounts;

    AccountsApiController(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    CollectionDocument<AccountAttributes> accounts(@AuthenticationPrincipal ApiKeyPrincipal key,
            HttpServletRequest request) {
        return CollectionDocument.of(List.of(resource(account(key.accountId()))), PageLinks.of(request, null, null));
    }

    @GetMapping("/{id}")
    ResourceDocument<AccountAttributes> account(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        if (!id.equals(key.accountId())) {
            throw notFound(id);
        }
        return ResourceDocument.of(resource(account(id)));
    }

    private AccountView account(String id) {
        return accounts.find(id).orElseThrow(() -> notFound(id));
    }

    private static Resource<AccountAttributes> resource(AccountView account) {
        String self = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/accounts/{id}/")
            .buildAndExpand(account.id())
            .toUriString();
        return Resource.of(AccountAttributes.TYPE, account.id(), AccountAttributes.of(account), self);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("There is no account with id '%s' for this API key.".formatted(id));
    }
}
