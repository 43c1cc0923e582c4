package dev.magpie.integrations.internal;

/** The code examples the integration pages show, filled in with the account's own addresses and keys. */
final class Snippets {

    private Snippets() {
    }

    /** A storefront script that tracks a product view through the browser API. */
    static String browser(String baseUrl, String siteKey) {
        return """
                <script>
                fetch('%s/client/events?company_id=%s', {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json', 'revision': '2026-07-15' },
                  body: JSON.stringify({ data: { type: 'event', attributes: {
                    metric: { data: { type: 'metric', attributes: { name: 'Viewed Product' } } },
                    profile: { data: { type: 'profile', attributes: { anonymous_id: localStorage.visitorId } } },
                    properties: { ProductName: 'Winter Jacket', ProductID: '1111', Price: 89.0 },
                    value: 89.0
                  } } })
                });
                </script>""".formatted(baseUrl, siteKey);
    }

    /** A shell script that signs and sends one generic webhook delivery. */
    static String genericWebhook(String webhookUrl, String secret) {
        return String.join("\n", "SECRET='" + secret + "'",
                "body='{\"id\":\"invoice-1001-paid\",\"type\":\"event\",\"event\":{\"metric\":\"Paid Invoice\","
                        + "\"profile\":{\"email\":\"sarah@example.com\"},\"value\":49.5,\"value_currency\":\"EUR\"}}'",
                "t=$(date +%s)",
                "sig=$(printf '%s.%s' \"$t\" \"$body\" | openssl dgst -sha256 -hmac \"$SECRET\" -hex | sed 's/^.* //')",
                "curl -X POST '" + webhookUrl + "' -H \"Magpie-Signature: t=$t,v1=$sig\" \\",
                "  -H 'Content-Type: application/json' -d \"$body\"");
    }

    /** A track call as Segment's HTTP API takes it. */
    static String segment(String baseUrl) {
        return String.join("\n",
                "curl -X POST '" + baseUrl + "/v1/track' -u 'wk_…:' -H 'Content-Type: application/json' \\",
                "  -d '{\"userId\":\"42\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":49.5,"
                        + "\"currency\":\"EUR\"},\"messageId\":\"m-1\"}'");
    }
}
