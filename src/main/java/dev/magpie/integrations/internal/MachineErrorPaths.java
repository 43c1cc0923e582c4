package dev.magpie.integrations.internal;

import dev.magpie.web.api.JsonErrorPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The browser API, the webhooks and the Segment-compatible API answer every failure with the REST API's JSON:API
 * error document, never an HTML error page: these callers are programs.
 */
@Component
class MachineErrorPaths implements JsonErrorPaths {

    @Override
    public boolean matches(HttpServletRequest request) {
        return MachinePaths.matches(request);
    }
}
