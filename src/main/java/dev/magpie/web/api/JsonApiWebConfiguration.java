package dev.magpie.web.api;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the API's scope and rate-limit checks and its page parameters into Spring MVC. */
@Configuration(proxyBeanMethods = false)
class JsonApiWebConfiguration implements WebMvcConfigurer {

    private final RateLimiter limiter;

    JsonApiWebConfiguration(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiHandlerInterceptor(limiter)).addPathPatterns(JsonApi.PATH_PATTERN);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CursorPageRequestResolver());
    }
}
