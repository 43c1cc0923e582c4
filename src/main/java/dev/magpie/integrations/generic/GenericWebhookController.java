package dev.magpie.integrations.generic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import dev.magpie.integrations.internal.Connections;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.Intake;
import dev.magpie.integrations.internal.IntegrationsProperties;
import dev.magpie.integrations.internal.Json;
import dev.magpie.integrations.internal.Platform;
import dev.magpie.integrations.internal.Refusals;
import dev.magpie.integrations.internal.RequestBodies;
import dev.magpie.integrations.internal.WebhookEndpoint;
import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives Magpie's generic signed webhook, for systems without an integration of their own: checks the
 * {@code Magpie-Signature} header (HMAC over the timestamp and the body, refused once older than the tolerance),
 * checks the body (400 naming the field at fault), recognises a repeated {@code id}, and answers 202 once the
 * delivery is queued.
 */
@RestController
class GenericWebhookController {

    private final Connections connections;

    private final Intake intake;

    private final IntegrationsProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    GenericWebhookController(Connections connections, Intake intake, IntegrationsProperties properties,
            JsonMapper json, Clock clock) {
        this.connections = connections;
        this.intake = intake;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/webhooks/generic/{connectionId}")
    ResponseEntity<Void> receive(@PathVariable String connectionId, HttpServletRequest request) throws IOException {
        WebhookEndpoint endpoint = connections.endpoint(connectionId, Platform.GENERIC)
            .orElseThrow(() -> Refusals.noConnection(Platform.GENERIC));
        byte[] body = RequestBodies.read(request, properties.maxWebhookSize().toBytes());
        Optional<SignatureHeader> signature = SignatureHeader.parse(request.getHeader(SignatureHeader.NAME));
        if (signature.isEmpty() || !endpoint.verifies(secret -> signature.get().matches(body, secret))) {
            throw Refusals.badSignature(SignatureHeader.NAME);
        }
        if (!signature.get().isFresh(clock.instant(), properties.signatureTolerance())) {
            long tolerance = properties.signatureTolerance().toSeconds();
            throw ApiException.of(HttpStatus.UNAUTHORIZED, ("The signature's timestamp is more than %d seconds away "
                    + "from now; sign each delivery when you send it.").formatted(tolerance),
                    Source.parameter(SignatureHeader.NAME));
        }
        JsonNode document = Json.parse(json, body);
        GenericMapper.read(document, clock.instant());
        String deliveryId = GenericMapper.deliveryId(document);
        Intake.Outcome outcome = intake.accept(endpoint, Feed.GENERIC, Json.text(document, "type"), deliveryId,
                new String(body, StandardCharsets.UTF_8));
        return outcome == Intake.Outcome.REPEAT ? ResponseEntity.ok().build() : ResponseEntity.accepted().build();
    }
}
