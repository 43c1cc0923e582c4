package dev.magpie.admin.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The health of each engine as the actuator sees it, and the operational endpoints that are exposed. */
@Controller
class SystemController {

    /** The engines first, in the order a request meets them; other indicators follow by name. */
    private static final List<String> ENGINES = List.of("db", "cassandra", "rabbit", "mail");

    private static final List<String> LINKED_ENDPOINTS = List.of("health", "prometheus", "metrics", "info");

    private final ObjectProvider<HealthEndpoint> health;

    private final ObjectProvider<PathMappedEndpoints> endpoints;

    SystemController(ObjectProvider<HealthEndpoint> health, ObjectProvider<PathMappedEndpoints> endpoints) {
        this.health = health;
        this.endpoints = endpoints;
    }

    @GetMapping("/admin/system")
    String system(Model model) {
        model.addAttribute("section", "system");
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor overall = endpoint == null ? null : endpoint.health();
        model.addAttribute("overallStatus", overall == null ? null : overall.getStatus().getCode());
        model.addAttribute("components", components(overall));
        model.addAttribute("links", links());
        return "admin/system";
    }

    private static List<ComponentHealth> components(HealthDescriptor overall) {
        if (!(overall instanceof CompositeHealthDescriptor composite) || composite.getComponents() == null) {
            return List.of();
        }
        List<ComponentHealth> components = new ArrayList<>();
        composite.getComponents().forEach((name, descriptor) -> components.add(new ComponentHealth(name,
                descriptor.getStatus().getCode(), ENGINES.contains(name), details(descriptor))));
        components.sort(Comparator.comparingInt((ComponentHealth c) -> c.engine() ? ENGINES.indexOf(c.name()) : 99)
            .thenComparing(ComponentHealth::name));
        return components;
    }

    private static Map<String, String> details(HealthDescriptor descriptor) {
        Map<String, String> details = new LinkedHashMap<>();
        if (descriptor instanceof IndicatedHealthDescriptor indicated && indicated.getDetails() != null) {
            indicated.getDetails().forEach((key, value) -> details.put(key, String.valueOf(value)));
        }
        else if (descriptor instanceof CompositeHealthDescriptor nested && nested.getComponents() != null) {
            nested.getComponents().forEach((key, value) -> details.put(key, value.getStatus().getCode()));
        }
        return details;
    }

    private List<EndpointLink> links() {
        PathMappedEndpoints mapped = endpoints.getIfAvailable();
        if (mapped == null) {
            return List.of();
        }
        return LINKED_ENDPOINTS.stream()
            .filter(id -> mapped.getPath(EndpointId.of(id)) != null)
            .map(id -> new EndpointLink(id, mapped.getPath(EndpointId.of(id))))
            .toList();
    }

    /** One health indicator, for the page. */
    record ComponentHealth(String name, String status, boolean engine, Map<String, String> details) {

        public boolean up() {
            return "UP".equals(status);
        }
    }

    /** An exposed actuator endpoint. */
    record EndpointLink(String id, String path) {
    }
}
