package dev.magpie.integrations.internal;

import jakarta.servlet.http.HttpServletRequest;

/** The URL space machines call: the browser API, store webhooks and the Segment-compatible API. */
public final class MachinePaths {

    /** The browser (client) API, called from storefronts with the public site key. */
    public static final String CLIENT = "/client/**";

    /** Store and generic webhooks, each authenticated by its signature. */
    public static final String WEBHOOKS = "/webhooks/**";

    /** The Segment-compatible API, authenticated by a write key. */
    public static final String SEGMENT = "/v1/**";

    private MachinePaths() {
    }

    /** Whether the request is for one of these paths, whatever handler (if any) serves it. */
    public static boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return under(path, "/client") || under(path, "/webhooks") || under(path, "/v1");
    }

    /** Whether the request is for the browser API. */
    public static boolean isClient(HttpServletRequest request) {
        return under(request.getRequestURI().substring(request.getContextPath().length()), "/client");
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
