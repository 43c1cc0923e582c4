package dev.magpie.tenancy.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo account seeded by the local run, so a newcomer has something to sign in to.
 *
 * @param enabled whether to seed it (the local run turns this on; production leaves it off)
 * @param accountName the demo store's name
 * @param ownerEmail the owner's sign-in email
 * @param ownerPassword the owner's password; generated and printed once when empty
 * @param apiKey a private API key ({@code pk_…}) to create for scripts; generated and printed once when empty
 */
@ConfigurationProperties("magpie.demo")
record DemoProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("Magpie Demo Store") String accountName,
        @DefaultValue("demo@magpie.local") String ownerEmail,
        String ownerPassword,
        String apiKey) {
}
