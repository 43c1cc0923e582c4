package dev.magpie.content.internal;

import java.util.List;

import dev.magpie.content.TemplateDirectory;
import org.springframework.stereotype.Component;

/** {@link TemplateDirectory} for other modules, from the account's stored templates. */
@Component
class TemplateDirectoryReads implements TemplateDirectory {

    private final TemplateCatalog catalog;

    TemplateDirectoryReads(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<TemplateSummary> all(String accountId) {
        return catalog.all(accountId).stream().map(template -> new TemplateSummary(template.id(), template.name()))
            .toList();
    }
}
