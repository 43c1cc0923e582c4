package dev.magpie.sending.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a DKIM-Signature (RFC 6376) of a raw message with relaxed/relaxed canonicalization: the body hash and
 * the RSA-SHA256 signature over the signed headers, as a receiving server would with the key from DNS.
 */
final class DkimVerifier {

    /** The parsed tags of the message's DKIM-Signature header. */
    record Result(Map<String, String> tags, boolean bodyHashMatches, boolean signatureValid) {

        List<String> signedHeaders() {
            return List.of(tags.get("h").split(":")).stream().map(String::trim).toList();
        }
    }

    private DkimVerifier() {
    }

    static Result verify(String raw, PublicKey key) throws Exception {
        int split = raw.indexOf("\r\n\r\n");
        String head = raw.substring(0, split + 2);
        String body = raw.substring(split + 4);
        List<String[]> headers = headers(head);
        String[] signature = headers.stream()
            .filter(header -> header[0].equalsIgnoreCase("DKIM-Signature"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No DKIM-Signature header"));
        Map<String, String> tags = tags(signature[1]);
        if (!"relaxed/relaxed".equals(tags.get("c")) || !"rsa-sha256".equals(tags.get("a"))) {
            throw new AssertionError("Unexpected c= or a=: " + tags);
        }
        String bodyHash = Base64.getEncoder()
            .encodeToString(MessageDigest.getInstance("SHA-256").digest(relaxedBody(body)
                .getBytes(StandardCharsets.UTF_8)));
        StringBuilder signed = new StringBuilder();
        List<String[]> unused = new ArrayList<>(headers);
        for (String name : tags.get("h").split(":")) {
            // The last occurrence not yet used, from the bottom up (RFC 6376 5.4.2)
            for (int i = unused.size() - 1; i >= 0; i--) {
                if (unused.get(i)[0].equalsIgnoreCase(name.trim())) {
                    signed.append(relaxedHeader(unused.get(i))).append("\r\n");
                    unused.remove(i);
                    break;
                }
            }
        }
        String withoutB = signature[1].replaceAll("(^|;)(\\s*b\\s*=)[^;]*", "$1$2");
        signed.append(relaxedHeader(new String[] { signature[0], withoutB }));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        boolean valid = rsa.verify(Base64.getDecoder().decode(tags.get("b").replaceAll("\\s", "")));
        return new Result(tags, bodyHash.equals(tags.get("bh").replaceAll("\\s", "")), valid);
    }

    /** Name and raw value (after the colon, folding kept) of every header, in order. */
    private static List<String[]> headers(String head) {
        List<String[]> headers = new ArrayList<>();
        for (String line : head.split("\r\n(?![ \t])")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(new String[] { line.substring(0, colon), line.substring(colon + 1) });
        }
        return headers;
    }

    private static String relaxedHeader(String[] header) {
        String value = header[1].replaceAll("\r\n(?=[ \t])", "").replaceAll("[ \t]+", " ").strip();
        return header[0].strip().toLowerCase(Locale.ROOT) + ":" + value;
    }

    private static String relaxedBody(String body) {
        String[] lines = body.split("\r\n", -1);
        StringBuilder canonical = new StringBuilder();
        for (String line : lines) {
            canonical.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
        }
        String result = canonical.toString();
        while (result.endsWith("\r\n\r\n")) {
            result = result.substring(0, result.length() - 2);
        }
        return result.equals("\r\n") ? "" : result;
    }

    private static Map<String, String> tags(String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : value.replaceAll("\r\n(?=[ \t])", "").split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.put(tag.substring(0, equals).strip(), tag.substring(equals + 1).strip());
            }
        }
        return tags;
    }
}
