package dev.magpie.web.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;

/** The media type and the URL space of the REST API. */
public final class JsonApi {

    /** What every API response is, as in Klaviyo's API; {@code application/json} is accepted too. */
    public static final String MEDIA_TYPE_VALUE = "application/vnd.api+json";

    /** {@link #MEDIA_TYPE_VALUE} as a {@link MediaType}. */
    public static final MediaType MEDIA_TYPE = MediaType.parseMediaType(MEDIA_TYPE_VALUE);

    /** The paths the API serves; security, revision checks and error rendering apply to these. */
    public static final String PATH_PATTERN = "/api/**";

    private JsonApi() {
    }

    /** Whether the request is for the API, whatever handler (if any) serves it. */
    public static boolean isApiRequest(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }
}
