package dev.magpie.deliverability;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one recipient of one message unsubscribes: a signed HTTPS link (a page, and the RFC 8058 one-click POST)
 * and a {@code mailto:} address, and the headers a sent message carries for them.
 *
 * @param url the unsubscribe page, which also takes the one-click POST
 * @param mailto a {@code mailto:} URI whose subject carries the same signed token
 */
public record UnsubscribeLink(String url, String mailto) {

    /** The {@code List-Unsubscribe} header's name (RFC 2369). */
    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";

    /** The {@code List-Unsubscribe-Post} header's name (RFC 8058). */
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

    /** The only value of {@code List-Unsubscribe-Post}, and the body a one-click POST sends. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** {@code <https://…>, <mailto:…>}: the HTTPS link first, as mailbox providers prefer it. */
    public String listUnsubscribe() {
        return "<" + url + ">, <" + mailto + ">";
    }

    /** Both headers, by name, in the order to write them. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIST_UNSUBSCRIBE, listUnsubscribe());
        headers.put(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        return headers;
    }
}
