package dev.magpie.content.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.magpie.content.UnknownTemplateException;
import dev.magpie.shared.Ids;
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
        return transactions.inAccount(accountId, () -> {
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
    }

    void delete(String accountId, String id) {
        transactions.inAccount(accountId, () -> {
            EmailTemplate template = templates.findById(id).orElseThrow(() -> new UnknownTemplateException(id));
            versions.deleteByTemplateId(id);
            templates.delete(template);
            return null;
        });
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
