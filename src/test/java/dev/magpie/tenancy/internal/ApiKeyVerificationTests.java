package dev.magpie.tenancy.internal;

import java.util.Optional;
import java.util.Set;

import dev.magpie.tenancy.ApiKeyPrincipal;
import dev.magpie.tenancy.ApiScope;
import dev.magpie.web.api.ApiCaller;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyVerificationTests {

    private final ApiKeyPrincipal key = new ApiKeyPrincipal("account-1", "key-1", "Store backend",
            Set.of(ApiScope.parse("profiles:write").orElseThrow(), ApiScope.parse("accounts:read").orElseThrow()));

    private final ApiKeyVerification verification = new ApiKeyVerification(
            rawKey -> rawKey.equals("pk_known") ? Optional.of(key) : Optional.empty());

    @Test
    void aKnownKeyCallsAsItsAccountWithItsPrincipal() {
        ApiCaller caller = verification.verify("pk_known").orElseThrow();

        assertThat(caller.accountId()).isEqualTo("account-1");
        assertThat(caller.keyId()).isEqualTo("key-1");
        assertThat(caller.principal()).isSameAs(key);
    }

    @Test
    void aWriteScopeAlsoGrantsReadingAsInKlaviyo() {
        assertThat(verification.verify("pk_known").orElseThrow().scopes())
            .containsExactlyInAnyOrder("profiles:read", "profiles:write", "accounts:read");
    }

    @Test
    void anUnknownKeyIsNobody() {
        assertThat(verification.verify("pk_unknown")).isEmpty();
    }
}
