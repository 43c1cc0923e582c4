package dev.magpie.integrations.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.CurrentMember;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The integration pages, for the account's owners and admins: every integration with its connections; per
 * platform, connecting a store (or a sender, or a Segment source) and the URL and secret to give it; rotating or
 * replacing the secret; disconnecting. Another account's connection ids find nothing (404).
 */
@Controller
@RequestMapping("/integrations")
class IntegrationsController {

    /** The topics to subscribe to on each platform, as its settings name them. */
    static final Map<Platform, List<String>> TOPICS = Map.of(
            Platform.SHOPIFY, List.of("customers/create", "customers/update", "checkouts/create", "checkouts/update",
                    "orders/create", "orders/fulfilled", "refunds/create"),
            Platform.WOOCOMMERCE, List.of("customer.created", "customer.updated", "order.created", "order.updated"),
            Platform.GENERIC, List.of(), Platform.SEGMENT, List.of());

    private final Connections connections;

    private final AccountDirectory accounts;

    private final IntegrationsProperties properties;

    IntegrationsController(Connections connections, AccountDirectory accounts, IntegrationsProperties properties) {
        this.connections = connections;
        this.accounts = accounts;
        this.properties = properties;
    }

    @GetMapping
    String index(@ModelAttribute("member") CurrentMember member, Model model) {
        requireAdministrator(member);
        Map<Platform, Long> counts = connections.list().stream()
            .collect(Collectors.groupingBy(ConnectionView::platform, Collectors.counting()));
        model.addAttribute("platforms", Arrays.asList(Platform.values()));
        model.addAttribute("counts", Arrays.stream(Platform.values())
            .collect(Collectors.toMap(Function.identity(), platform -> counts.getOrDefault(platform, 0L))));
        model.addAttribute("publicApiKey", publicApiKey(member));
        return "integrations/index";
    }

    @GetMapping("/browser")
    String browser(@ModelAttribute("member") CurrentMember member, Model model) {
        requireAdministrator(member);
        String siteKey = publicApiKey(member);
        model.addAttribute("publicApiKey", siteKey);
        model.addAttribute("baseUrl", baseUrl());
        model.addAttribute("snippet", Snippets.browser(baseUrl(), siteKey));
        return "integrations/browser";
    }

    @GetMapping("/{slug}")
    String platform(@ModelAttribute("member") CurrentMember member, @PathVariable String slug, Model model) {
        requireAdministrator(member);
        Platform platform = platform(slug);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ConnectionForm.empty());
        }
        model.addAttribute("platform", platform);
        model.addAttribute("connections", connections.list(platform));
        model.addAttribute("baseUrl", baseUrl());
        return "integrations/platform";
    }

    @PostMapping("/{slug}")
    String connect(@ModelAttribute("member") CurrentMember member, @PathVariable String slug,
            @Valid @ModelAttribute("form") ConnectionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        requireAdministrator(member);
        Platform platform = platform(slug);
        if (errors.hasErrors()) {
            return platform(member, slug, model);
        }
        Connections.Created created = connections.create(platform, form.name(), member.userId());
        if (created.writeKey() != null) {
            redirect.addFlashAttribute("newWriteKey", created.writeKey());
        }
        redirect.addFlashAttribute("flashCode", "integrations.connected");
        return "redirect:/integrations/%s/%s".formatted(platform.slug(), created.connection().id());
    }

    @GetMapping("/{slug}/{id}")
    String connection(@ModelAttribute("member") CurrentMember member, @PathVariable String slug,
            @PathVariable String id, Model model) {
        requireAdministrator(member);
        Platform platform = platform(slug);
        ConnectionView connection = connections.find(platform, id).orElseThrow(IntegrationsController::notFound);
        if (!model.containsAttribute("secretForm")) {
            model.addAttribute("secretForm", SecretForm.empty());
        }
        model.addAttribute("platform", platform);
        model.addAttribute("connection", connection);
        model.addAttribute("baseUrl", baseUrl());
        String webhookUrl = baseUrl() + "/webhooks/" + platform.slug() + "/" + connection.id();
        model.addAttribute("webhookUrl", webhookUrl);
        model.addAttribute("topics", TOPICS.get(platform));
        model.addAttribute("example", switch (platform) {
            case GENERIC -> Snippets.genericWebhook(webhookUrl, connection.signingSecret());
            case SEGMENT -> Snippets.segment(baseUrl());
            default -> null;
        });
        return "integrations/connection";
    }

    @PostMapping("/{slug}/{id}/rotate")
    String rotate(@ModelAttribute("member") CurrentMember member, @PathVariable String slug, @PathVariable String id,
            RedirectAttributes redirect) {
        requireAdministrator(member);
        Platform platform = platform(slug);
        Connections.Rotation rotation = connections.rotate(platform, id).orElseThrow(IntegrationsController::notFound);
        if (rotation.writeKey() != null) {
            redirect.addFlashAttribute("newWriteKey", rotation.writeKey());
        }
        redirect.addFlashAttribute("flashCode",
                platform.signed() ? "integrations.secret-rotated" : "integrations.write-key-rotated");
        return "redirect:/integrations/%s/%s".formatted(platform.slug(), id);
    }

    @PostMapping("/{slug}/{id}/secret")
    String useSecret(@ModelAttribute("member") CurrentMember member, @PathVariable String slug,
            @PathVariable String id, @Valid @ModelAttribute("secretForm") SecretForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        requireAdministrator(member);
        Platform platform = platform(slug);
        if (connections.find(platform, id).filter(found -> platform.signed()).isEmpty()) {
            throw notFound();
        }
        if (errors.hasErrors()) {
            return connection(member, slug, id, model);
        }
        connections.useSecret(platform, id, form.secret());
        redirect.addFlashAttribute("flashCode", "integrations.secret-replaced");
        return "redirect:/integrations/%s/%s".formatted(platform.slug(), id);
    }

    @PostMapping("/{slug}/{id}/disconnect")
    String disconnect(@ModelAttribute("member") CurrentMember member, @PathVariable String slug,
            @PathVariable String id, RedirectAttributes redirect) {
        requireAdministrator(member);
        Platform platform = platform(slug);
        if (!connections.disconnect(platform, id)) {
            throw notFound();
        }
        redirect.addFlashAttribute("flashCode", "integrations.disconnected");
        return "redirect:/integrations/" + platform.slug();
    }

    private String publicApiKey(CurrentMember member) {
        return accounts.find(member.accountId()).map(AccountView::publicApiKey).orElseThrow();
    }

    /** Where stores and browsers reach Magpie: configured, else where this page was asked for. */
    private String baseUrl() {
        String base = properties.publicUrl() != null ? properties.publicUrl().toString()
                : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static Platform platform(String slug) {
        return Platform.fromSlug(slug).orElseThrow(IntegrationsController::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static void requireAdministrator(CurrentMember member) {
        if (member == null || !member.canAdminister()) {
            throw new AccessDeniedException("Only owners and admins may manage integrations");
        }
    }
}
