package dev.magpie.content;

import java.util.List;

/** The account's email templates as other modules offer them for choosing, such as a campaign's template. */
public interface TemplateDirectory {

    /** Every template of the account, by name. */
    List<TemplateSummary> all(String accountId);

    /** A template: its id and name. */
    record TemplateSummary(String id, String name) {
    }
}
