package dev.magpie.campaigns.internal;

import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import dev.magpie.testing.Marketers.Marketer;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A signed-in marketer's account as an API store too, so that the campaign fixtures can fill it. */
final class WizardAccounts {

    private WizardAccounts() {
    }

    /** An API key of the marketer's own account, made on the API keys page as its owner would. */
    static Store apiOf(MockMvc mvc, Marketer marketer) throws Exception {
        var keyForm = post("/settings/api-keys").with(csrf()).session(marketer.session()).param("name", "Wizard tests")
            .param("access[accounts]", "read");
        for (String scope : CampaignFixtures.ACCESS) {
            String[] parts = scope.split(":");
            keyForm.param("access[" + parts[0] + "]", parts[1]);
        }
        String key = (String) mvc.perform(keyForm).andReturn().getFlashMap().get("newKey");
        assertThat(key).as("API key of the marketer").startsWith("pk_");
        return new Store(marketer.accountId(), key);
    }

    /** A new store with a key for the campaign fixtures (another account, for cross-tenant checks). */
    static Store other(ApiStores api, String name) throws Exception {
        return api.open(name, CampaignFixtures.ACCESS);
    }
}
