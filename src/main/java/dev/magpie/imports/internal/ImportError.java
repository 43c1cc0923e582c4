package dev.magpie.imports.internal;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * A row of an import that could not be imported, and why. Written by the worker (see {@link ImportLedger});
 * read here, scoped to the current account, for the error report and the API's import-errors.
 */
@Entity
@Table(name = "import_errors")
class ImportError {

    @EmbeddedId
    private Key key;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    /** The CSV column's header, or the API profile's attribute. */
    private String field;

    /** The value that was refused, when one was. */
    private String value;

    private String message;

    /** The row as it was sent: a CSV line, or the profile's JSON. */
    @Column(columnDefinition = "text")
    private String original;

    protected ImportError() {
    }

    String jobId() {
        return key.jobId;
    }

    /** The row's number: for a CSV file the spreadsheet row (the header is row 1), for the API the profile's index. */
    int rowNumber() {
        return key.rowNumber;
    }

    String field() {
        return field;
    }

    String value() {
        return value;
    }

    String message() {
        return message;
    }

    String original() {
        return original;
    }

    /** A job and one of its rows. */
    @Embeddable
    static class Key implements Serializable {

        @Column(name = "job_id")
        private String jobId;

        @Column(name = "row_num")
        private int rowNumber;

        protected Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.jobId.equals(jobId) && key.rowNumber == rowNumber;
        }

        @Override
        public int hashCode() {
            return jobId.hashCode() * 31 + rowNumber;
        }
    }
}
