package dev.magpie.integrations.segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.magpie.integrations.internal.Connections;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.Intake;
import dev.magpie.integrations.internal.Json;
import dev.magpie.integrations.internal.PayloadException;
import dev.magpie.integrations.internal.RequestBodies;
import dev.magpie.integrations.internal.WebhookEndpoint;
import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Segment-compatible tracking API, so that stores already wired to Segment can send to Magpie by changing the
 * host: {@code POST /v1/track}, {@code /v1/identify} and {@code /v1/batch} (and the other calls, and the short
 * paths of Segment's browser library, which are accepted). The write key comes as HTTP Basic user name, as
 * Segment's libraries send it, or as {@code writeKey} in the body. A single call with a missing field is a 400
 * naming it; in a batch, messages that cannot be read are skipped and the rest is taken, as Segment does.
 */
@RestController
class SegmentController {

    /** Segment's limits: 32 KB for one call, 500 KB for a batch. */
    static final int MAX_CALL_BYTES = 32 * 1024;

    static final int MAX_BATCH_BYTES = 500 * 1024;

    private static final Map<String, String> CALLS = Map.ofEntries(Map.entry("track", "track"),
            Map.entry("t", "track"), Map.entry("identify", "identify"), Map.entry("i", "identify"),
            Map.entry("batch", "batch"), Map.entry("b", "batch"), Map.entry("import", "batch"),
            Map.entry("page", "page"), Map.entry("p", "page"), Map.entry("screen", "screen"),
            Map.entry("s", "screen"), Map.entry("group", "group"), Map.entry("g", "group"),
            Map.entry("alias", "alias"), Map.entry("a", "alias"));

    private final Connections connections;

    private final Intake intake;

    private final JsonMapper json;

    private final Clock clock;

    SegmentController(Connections connections, Intake intake, JsonMapper json, Clock clock) {
        this.connections = connections;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/v1/{call}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String call, HttpServletRequest request)
            throws IOException {
        String type = CALLS.get(call.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw ApiException.notFound("There is no Segment call /v1/%s.".formatted(call));
        }
        byte[] body = RequestBodies.read(request, type.equals("batch") ? MAX_BATCH_BYTES : MAX_CALL_BYTES);
        JsonNode document = Json.parse(json, body);
        WebhookEndpoint source = writeKey(request, document).flatMap(connections::segmentSource)
            .orElseThrow(SegmentController::unknownWriteKey);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        if (type.equals("batch")) {
            List<Map<String, Object>> rejected = checkBatch(document);
            if (!rejected.isEmpty()) {
                answer.put("rejected", rejected);
            }
        }
        else if (!type.equals("track") && !type.equals("identify")) {
            return ResponseEntity.ok(answer);
        }
        else {
            SegmentMessages.read(document, type, "", clock.instant(), null);
        }
        intake.accept(source, Feed.SEGMENT, type, null, new String(body, StandardCharsets.UTF_8));
        return ResponseEntity.ok(answer);
    }

    /** The messages of a batch that will be skipped, with why; a batch that is not one is a 400. */
    private List<Map<String, Object>> checkBatch(JsonNode document) {
        JsonNode batch = document.get("batch");
        if (batch == null || !batch.isArray()) {
            throw new PayloadException("/batch", "batch must be an array of messages.").toApiException();
        }
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                SegmentMessages.read(batch.get(i), Json.text(batch.get(i), "type"), "/batch/" + i, clock.instant(),
                        null);
            }
            catch (PayloadException invalid) {
                rejected.add(Map.of("pointer", invalid.pointer(), "detail", invalid.getMessage()));
            }
        }
        return rejected;
    }

    /** The write key: HTTP Basic's user name (the password is empty), or {@code writeKey} in the body. */
    static Optional<String> writeKey(HttpServletRequest request, JsonNode document) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return Optional.of(colon < 0 ? credentials : credentials.substring(0, colon));
            }
            catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(Json.text(document, "writeKey"));
    }

    private static ApiException unknownWriteKey() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Magpie\"");
        return new ApiException(HttpStatus.UNAUTHORIZED, ApiException.of(HttpStatus.UNAUTHORIZED,
                "Missing or unknown write key. Send it as the HTTP Basic user name, as Segment's libraries do.",
                Source.DOCUMENT).errors(), headers);
    }
}
