package dev.magpie.sending.internal;

import java.security.KeyPairGenerator;
import java.util.Base64;

import dev.magpie.sending.DkimKeys;
import dev.magpie.sending.DkimKeys.DkimKey;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DKIM keys in MySQL: checked when stored, found for the domain and its subdomains, per account, replaced, removed. */
@SpringBootTest
@AutoConfigureMockMvc
class DkimKeysTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    DkimKeys keys;

    @Test
    void keysAreCheckedFoundByDomainKeptPerAccountAndRemoved() throws Exception {
        ApiStores api = new ApiStores(mvc, json);
        Store a = api.open("Keyed A");
        Store b = api.open("Keyed B");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";

        assertThatThrownBy(() -> keys.set(a.accountId(), "shop.example", "s1", "not a key"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.set(a.accountId(), "shop.example", "s1",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.set(a.accountId(), "not a domain", "s1", pem))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.set(a.accountId(), "shop.example", "bad selector!", pem))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.keyFor(a.accountId(), "news@shop.example")).isEmpty();

        keys.set(a.accountId(), "Shop.Example", "s1", pem);
        keys.set(a.accountId(), "shop.example", "s2", pem);
        assertThat(keys.keyFor(a.accountId(), "news@shop.example")).contains(new DkimKey("shop.example", "s2"));
        assertThat(keys.keyFor(a.accountId(), "news@Mail.Shop.Example")).contains(new DkimKey("shop.example", "s2"));
        assertThat(keys.keyFor(a.accountId(), "news@othershop.example")).isEmpty();
        assertThat(keys.keyFor(b.accountId(), "news@shop.example")).as("another account").isEmpty();
        assertThat(keys.remove(b.accountId(), "shop.example")).as("another account removes nothing").isFalse();

        assertThat(keys.remove(a.accountId(), "shop.example")).isTrue();
        assertThat(keys.keyFor(a.accountId(), "news@shop.example")).isEmpty();
    }
}
