package dev.magpie.web.api;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives handlers their {@link CursorPageRequest}, within the limits of the parameter's {@link Paged}. */
class CursorPageRequestResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CursorPageRequest.class;
    }

    @Override
    public CursorPageRequest resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Paged paged = parameter.getParameterAnnotation(Paged.class);
        int defaultSize = paged != null ? paged.defaultSize() : 20;
        int maxSize = paged != null ? paged.maxSize() : 100;
        return CursorPageRequest.of(request.getParameter(CursorPageRequest.SIZE_PARAMETER),
                request.getParameter(CursorCodec.PARAMETER), defaultSize, maxSize);
    }
}
