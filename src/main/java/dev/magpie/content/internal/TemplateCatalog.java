package dev.magpie.content.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.magpie.content.UnknownTemplateException;
import dev.magpie.shared.Ids;
import dev.magpie.shared.RecentCache;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.stereotype.Component;

/**
 * The account's templates: create, rename, change content (keeping the previous content as a version), delete.
 * Content is checked before anything is stored: a template whose subject, HTML or text does not parse is refused
 * with a {@link TemplateSyntaxException} naming the part.
 */
@Component
class TemplateCatalog {

    static final int MAX_NAME = 255;

    /**
     * How long a template read for sending is reused: a campaign renders one template for every recipient, and
     * reading its content (tens of KB) from MySQL per message cost more than rendering it. An edit or a deletion
     * on this instance forgets it at once; one on another instance reaches this one within this time.
     */
    static final Duration SENDING_REUSE = Duration.ofSeconds(10);

    private static final int SENDING_CACHE_SIZE = 1_000;

    private final RecentCache<Key, EmailTemplate> forSending = new RecentCache<>(SENDING_REUSE, SENDING_CACHE_SIZE);

    private final EmailTemplateRepository templates;

    private final TemplateVersionRepository versions;

    private final TenantTransactions transactions;

    private final Clock clock;

    TemplateCatalog(EmailTemplateRepository templates, TemplateVersionRepository versions,
            TenantTransactions transactions, Clock clock) {
        this.templates = templates;
        this.versions = versions;
        this.transactions = transactions;
        this.clock = clock;
    }

    EmailTemplate create(String accountId, String name, TemplateContent content) {
        check(content);
        EmailTemplate template = new EmailTemplate(Ids.newId(), name.strip(), blankToNull(content.subject()),
                content.html(), blankToNull(content.text()), clock.instant());
        return transactions.inAccount(accountId, () -> templates.save(template));
    }

    Optional<EmailTemplate> find(String accountId, String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return transactions.inAccount(accountId, () -> templates.findById(id));
    }

    /**
     * The template as {@link #find} reads it, or as it was read within {@link #SENDING_REUSE}: for rendering
     * messages, never for changing the template.
     */
    Optional<EmailTemplate> findForSending(String accountId, String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Key key = new Key(accountId, id);
        EmailTemplate recent = forSending.get(key);
        if (recent != null) {
            return Optional.of(recent);
        }
        Optional<EmailTemplate> found = find(accountId, id);
        found.ifPresent(template -> forSending.put(key, template));
        return found;
    }

    List<EmailTemplate> all(String accountId) {
        return transactions.inAccount(accountId, templates::findAllByOrderByNameAscIdAsc);
    }

    /** Earlier contents, newest first. */
    List<TemplateVersion> versions(String accountId, String id) {
        return transactions.inAccount(accountId, () -> versions.findByTemplateIdOrderByVersionDesc(id));
    }

    /** Changes what is given ({@code null} name or content stays as it is). */
    EmailTemplate update(String accountId, String id, String name, TemplateContent content) {
        if (content != null) {
            check(content);
        }
        EmailTemplate updated = transactions.inAccount(accountId, () -> {
            EmailTemplate template = templates.findById(id).orElseThrow(() -> new UnknownTemplateException(id));
            if (name != null) {
                template.rename(name.strip(), clock.instant());
            }
            if (content != null) {
                String subject = blankToNull(content.subject());
                String text = blankToNull(content.text());
                if (template.differs(subject, content.html(), text)) {
                    versions.save(new TemplateVersion(Ids.newId(), template));
                    template.changeContent(subject, content.html(), text, clock.instant());
                }
            }
            return templates.save(template);
        });
        forget(accountId, id);
        return updated;
    }

    void delete(String accountId, String id) {
        transactions.inAccount(accountId, () -> {
            EmailTemplate template = templates.findById(id).orElseThrow(() -> new UnknownTemplateException(id));
            versions.deleteByTemplateId(id);
            templates.delete(template);
            return null;
        });
        forget(accountId, id);
    }

    private void forget(String accountId, String id) {
        Key key = new Key(accountId, id);
        forSending.removeIf((cached, template) -> cached.equals(key));
    }

    /** @throws TemplatePartException naming the part that does not parse */
    static void check(TemplateContent content) {
        checkPart("subject", content.subject());
        checkPart("html", content.html());
        checkPart("text", content.text());
    }

    private static void checkPart(String part, String source) {
        if (source == null) {
            return;
        }
        try {
            Liquid.check(source);
        }
        catch (TemplateSyntaxException invalid) {
            throw new TemplatePartException(part, invalid);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private record Key(String accountId, String templateId) {
    }

    /** A part of a template ({@code subject}, {@code html} or {@code text}) that does not parse. */
    static class TemplatePartException extends RuntimeException {

        private final String part;

        private final TemplateSyntaxException cause;

        TemplatePartException(String part, TemplateSyntaxException cause) {
            super(cause.describe(), cause);
            this.part = part;
            this.cause = cause;
        }

        String part() {
            return part;
        }

        TemplateSyntaxException syntax() {
            return cause;
        }
    }
}
