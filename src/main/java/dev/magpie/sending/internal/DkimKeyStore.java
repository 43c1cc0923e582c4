package dev.magpie.sending.internal;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.magpie.sending.DkimKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The accounts' DKIM keys in MySQL ({@code dkim_keys}, db/mysql/V12__sending.sql). Keys are checked when stored,
 * so that sending never meets a key it cannot read.
 */
@Component
class DkimKeyStore implements DkimKeys {

    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

    /** A key ready to sign: the stored row with its private key read. */
    record SigningKey(String domain, String selector, RSAPrivateKey privateKey) {
    }

    private final JdbcClient jdbc;

    private final Clock clock;

    DkimKeyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void set(String accountId, String domain, String selector, String privateKeyPem) {
        String normalisedDomain = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        String normalisedSelector = selector == null ? "" : selector.trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(normalisedDomain).matches()) {
            throw new IllegalArgumentException("Not a domain: " + domain);
        }
        if (!SELECTOR.matcher(normalisedSelector).matches()) {
            throw new IllegalArgumentException("Not a DKIM selector: " + selector);
        }
        readPrivateKey(privateKeyPem);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO dkim_keys (account_id, domain, selector, private_key_pem, updated_at) "
                + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE selector = VALUES(selector), "
                + "private_key_pem = VALUES(private_key_pem), updated_at = VALUES(updated_at)")
            .params(accountId, normalisedDomain, normalisedSelector, privateKeyPem.trim(), now)
            .update();
    }

    @Override
    public boolean remove(String accountId, String domain) {
        return jdbc.sql("DELETE FROM dkim_keys WHERE account_id = ? AND domain = ?")
            .params(accountId, domain.trim().toLowerCase(Locale.ROOT))
            .update() > 0;
    }

    @Override
    public Optional<DkimKey> keyFor(String accountId, String senderEmail) {
        return signingKeyFor(accountId, senderEmail).map(key -> new DkimKey(key.domain(), key.selector()));
    }

    /** The key that signs mail from {@code senderEmail}: the one of its domain, else of the nearest parent. */
    Optional<SigningKey> signingKeyFor(String accountId, String senderEmail) {
        int at = senderEmail == null ? -1 : senderEmail.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = senderEmail.substring(at + 1).toLowerCase(Locale.ROOT);
        while (domain.contains(".")) {
            Optional<SigningKey> key = jdbc
                .sql("SELECT domain, selector, private_key_pem FROM dkim_keys WHERE account_id = ? AND domain = ?")
                .params(accountId, domain)
                .query((row, n) -> new SigningKey(row.getString("domain"), row.getString("selector"),
                        readPrivateKey(row.getString("private_key_pem"))))
                .optional();
            if (key.isPresent()) {
                return key;
            }
            domain = domain.substring(domain.indexOf('.') + 1);
        }
        return Optional.empty();
    }

    static RSAPrivateKey readPrivateKey(String pem) {
        if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("The key must be an RSA private key in PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (Exception unreadable) {
            throw new IllegalArgumentException("The key is not a readable RSA private key", unreadable);
        }
    }
}
