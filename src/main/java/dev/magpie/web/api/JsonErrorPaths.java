package dev.magpie.web.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * URL spaces outside {@code /api} whose callers are programs too (webhooks, a browser API): a module that serves
 * one declares it as a bean, and every failure there is answered with a JSON:API error document, as under
 * {@code /api}, never with an HTML error page.
 */
public interface JsonErrorPaths {

    /** Whether the request is for one of these paths, whatever handler (if any) serves it. */
    boolean matches(HttpServletRequest request);
}
