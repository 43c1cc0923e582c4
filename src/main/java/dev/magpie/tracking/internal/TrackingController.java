package dev.magpie.tracking.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Optional;

import dev.magpie.tracking.internal.TrackingTokens.Claim;
import dev.magpie.tracking.internal.TrackingTokens.Kind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where pixels and click links lead, with no sign-in. The pixel always answers a transparent GIF that no cache
 * keeps, whatever its token (a broken image would show in the message); a click with a checked token answers a
 * redirect to the target its token carries, and any other answers a 404 page and goes nowhere. Recording a hit
 * never stands in the way of the answer.
 */
@Controller
class TrackingController {

    static final String OPEN = "/t/o/";

    static final String CLICK = "/t/c/";

    /** A 1×1 transparent GIF. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private static final Logger log = LoggerFactory.getLogger(TrackingController.class);

    private final TrackingTokens tokens;

    private final EngagementRecorder recorder;

    TrackingController(TrackingTokens tokens, EngagementRecorder recorder) {
        this.tokens = tokens;
        this.recorder = recorder;
    }

    @GetMapping(OPEN + "{token}")
    @ResponseBody
    ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
        tokens.check(token, Kind.OPEN).ifPresent(claim -> record(claim, request));
        return ResponseEntity.ok()
            .contentType(MediaType.IMAGE_GIF)
            .cacheControl(CacheControl.noStore().mustRevalidate())
            .header(HttpHeaders.PRAGMA, "no-cache")
            .header(HttpHeaders.EXPIRES, "0")
            .body(PIXEL);
    }

    /** Answers the redirect itself (a view would expand braces in the target, and then it is no longer it). */
    @GetMapping(CLICK + "{token}")
    ModelAndView click(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<Claim> claim = tokens.check(token, Kind.CLICK);
        if (claim.isEmpty()) {
            return new ModelAndView("tracking/link-invalid", HttpStatus.NOT_FOUND);
        }
        record(claim.get(), request);
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader(HttpHeaders.LOCATION, location(claim.get().url()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return null;
    }

    /** The target as a header can carry it: non-ASCII characters percent-encoded. */
    private static String location(String url) {
        try {
            return new URI(url).toASCIIString();
        }
        catch (URISyntaxException unparsable) {
            // Only links that parse are ever rewritten; this is a token signed before that rule
            return url;
        }
    }

    private void record(Claim claim, HttpServletRequest request) {
        try {
            recorder.record(claim, request.getHeader(HttpHeaders.USER_AGENT), request.getMethod());
        }
        catch (RuntimeException failed) {
            // The reader still gets the image or the page; a lost hit only lowers a count
            log.warn("Could not record a {} of account {}", claim.kind(), claim.accountId(), failed);
        }
    }
}
