package dev.magpie.deliverability.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.magpie.deliverability.UnsubscribeLink;
import dev.magpie.deliverability.UnsubscribeLinks;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Unsubscribe links signed with the account's secret: {@code <public-url>/unsubscribe/<token>}, and
 * {@code mailto:<unsubscribe-mailbox>?subject=unsubscribe%20<token>}.
 */
@Component
class SignedUnsubscribeLinks implements UnsubscribeLinks {

    /** Where links point when neither a public address is configured nor a request is being answered. */
    static final String FALLBACK_URL = "http://localhost:8080";

    private final UnsubscribeSecrets secrets;

    private final EmailAddresses addresses;

    private final DeliverabilityProperties properties;

    SignedUnsubscribeLinks(UnsubscribeSecrets secrets, EmailAddresses addresses,
            DeliverabilityProperties properties) {
        this.secrets = secrets;
        this.addresses = addresses;
        this.properties = properties;
    }

    @Override
    public UnsubscribeLink linkFor(String accountId, String profileId, String email, String messageId) {
        String token = UnsubscribeTokens.token(accountId, profileId, addresses.normalise(email),
                messageId == null || messageId.isBlank() ? null : messageId, secrets.of(accountId));
        String url = baseUrl() + "/unsubscribe/" + token;
        String mailto = "mailto:" + properties.unsubscribeMailbox() + "?subject="
                + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20");
        return new UnsubscribeLink(url, mailto);
    }

    private String baseUrl() {
        String base = properties.publicUrl() != null ? properties.publicUrl().toString()
                : RequestContextHolder.getRequestAttributes() != null
                        ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : FALLBACK_URL;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
