package dev.magpie.web.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends every {@link JsonApiDocument} as {@code application/vnd.api+json}, whichever of that and
 * {@code application/json} the client accepts (as Klaviyo does), and applies the request's
 * {@code fields[type]=} sparse fieldsets to it.
 */
@ControllerAdvice
class JsonApiResponseAdvice implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;

    JsonApiResponseAdvice(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof JsonApiDocument) || !(request instanceof ServletServerHttpRequest servlet)) {
            return body;
        }
        response.getHeaders().setContentType(JsonApi.MEDIA_TYPE);
        HttpServletRequest servletRequest = servlet.getServletRequest();
        SparseFieldsets fieldsets = SparseFieldsets.from(servletRequest.getParameterMap());
        return fieldsets.isEmpty() || body instanceof ApiErrorDocument ? body
                : fieldsets.applyTo(json.valueToTree(body));
    }
}
