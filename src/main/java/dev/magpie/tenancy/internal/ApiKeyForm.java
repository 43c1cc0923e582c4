package dev.magpie.tenancy.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.magpie.tenancy.ApiScope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new private key: its name, and per resource family no access, read, or write ({@code "none"},
 * {@code "read"}, {@code "write"}).
 */
record ApiKeyForm(@NotBlank @Size(max = 200) String name, Map<String, String> access) {

    static ApiKeyForm fullAccess() {
        Map<String, String> access = new LinkedHashMap<>();
        ApiScope.RESOURCES.forEach(resource -> access.put(resource, "write"));
        return new ApiKeyForm("", access);
    }

    List<ApiScope> scopes() {
        List<ApiScope> scopes = new ArrayList<>();
        if (access != null) {
            access.forEach((resource, level) -> ApiScope.parse(resource + ":" + level).ifPresent(scopes::add));
        }
        return scopes;
    }
}
