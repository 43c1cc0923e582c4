package dev.magpie.sending;

import java.util.Optional;

/**
 * The accounts' DKIM keys. A message whose sender's domain is the key's domain (or below it) is signed with it.
 */
public interface DkimKeys {

    /**
     * Stores (or replaces) the account's key for {@code domain}.
     *
     * @param privateKeyPem an RSA private key in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----})
     * @throws IllegalArgumentException when the domain, selector or key is malformed
     */
    void set(String accountId, String domain, String selector, String privateKeyPem);

    /** Removes the account's key for {@code domain}; returns whether it had one. */
    boolean remove(String accountId, String domain);

    /** The domain and selector of the key that signs mail from {@code senderEmail}, if any. */
    Optional<DkimKey> keyFor(String accountId, String senderEmail);

    /** A key as the API shows it: never the private key. */
    record DkimKey(String domain, String selector) {
    }
}
