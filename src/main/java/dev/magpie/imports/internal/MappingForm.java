package dev.magpie.imports.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The mapping page's form: per column, what it becomes (and, for a custom property, its name and type), and the
 * email consent choice ({@code "leave"} or {@code "subscribe"}). A bean rather than a record so that a file with
 * hundreds of columns binds by index ({@code columns[12].target}).
 */
public class MappingForm {

    /** Keeps email marketing consent as it is. */
    static final String LEAVE_CONSENT = "leave";

    /** Subscribes every imported email to email marketing. */
    static final String SUBSCRIBE = "subscribe";

    private List<Column> columns = new ArrayList<>();

    private String emailConsent = LEAVE_CONSENT;

    private String listId = "";

    /** The form as the guessed mapping fills it. */
    static MappingForm of(ImportMapping mapping) {
        MappingForm form = new MappingForm();
        for (ColumnMapping column : mapping.columns()) {
            Column field = new Column();
            field.setTarget(column.target());
            field.setProperty(column.property() == null ? column.header() : column.property());
            field.setType(column.type());
            form.columns.add(field);
        }
        form.emailConsent = mapping.subscribeEmails() ? SUBSCRIBE : LEAVE_CONSENT;
        form.listId = mapping.listId() == null ? "" : mapping.listId();
        return form;
    }

    /** The mapping the form describes, for a file with these headers (extra form columns are ignored). */
    ImportMapping toMapping(CsvSample sample) {
        List<ColumnMapping> mapped = new ArrayList<>();
        for (int i = 0; i < sample.headers().size(); i++) {
            Column column = i < columns.size() ? columns.get(i) : new Column();
            mapped.add(new ColumnMapping(sample.headers().get(i), column.getTarget(),
                    column.getTarget() == ColumnTarget.PROPERTY ? column.getProperty() : null, column.getType()));
        }
        return new ImportMapping(sample.delimiter(), mapped, SUBSCRIBE.equals(emailConsent), listId);
    }

    public List<Column> getColumns() {
        return columns;
    }

    public void setColumns(List<Column> columns) {
        this.columns = columns;
    }

    /** The list to add the imported profiles to; empty for none. */
    public String getListId() {
        return listId;
    }

    public void setListId(String listId) {
        this.listId = listId;
    }

    public String getEmailConsent() {
        return emailConsent;
    }

    public void setEmailConsent(String emailConsent) {
        this.emailConsent = emailConsent;
    }

    /** One column's choice. */
    public static class Column {

        private ColumnTarget target = ColumnTarget.SKIP;

        private String property;

        private ValueType type = ValueType.TEXT;

        public ColumnTarget getTarget() {
            return target;
        }

        public void setTarget(ColumnTarget target) {
            this.target = target;
        }

        public String getProperty() {
            return property;
        }

        public void setProperty(String property) {
            this.property = property;
        }

        public ValueType getType() {
            return type;
        }

        public void setType(ValueType type) {
            this.type = type;
        }
    }
}
