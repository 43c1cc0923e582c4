package dev.magpie.imports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.magpie.imports.internal.CsvSample.UnreadableCsv;
import dev.magpie.imports.internal.RowConverter.Converted;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import org.springframework.validation.Errors;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV imports as marketers run them, in the current account: upload a file (a draft), map its columns with a
 * preview of the first rows, queue it, and cancel it.
 */
@Service
class CsvImports {

    /** Rows read to guess each column's type. */
    static final int SAMPLE_ROWS = 100;

    /** Rows the preview shows as they would be imported. */
    static final int PREVIEW_ROWS = 10;

    private final ImportJobRepository jobs;

    private final ImportFiles files;

    private final ImportLedger ledger;

    private final ImportWorker worker;

    private final TenantTransactions transactions;

    private final ImportsProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    CsvImports(ImportJobRepository jobs, ImportFiles files, ImportLedger ledger, ImportWorker worker,
            TenantTransactions transactions, ImportsProperties properties, JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.ledger = ledger;
        this.worker = worker;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Keeps an uploaded file as a draft and returns its id. Refuses (as an {@link UnreadableCsv} naming why) an
     * empty or oversized file, or one without a header row.
     */
    String upload(MultipartFile upload, String userId) {
        if (upload == null || upload.isEmpty()) {
            throw new UnreadableCsv("imports.error.empty-file");
        }
        if (upload.getSize() > properties.maxUploadSize().toBytes()) {
            throw new UnreadableCsv("imports.error.too-large");
        }
        String accountId = TenantContext.requireAccountId();
        String id = ImportJob.newId();
        String location;
        try {
            location = files.storeUpload(upload, accountId, id);
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        try {
            CsvSample.read(files.resolve(location), 1);
        }
        catch (UnreadableCsv unreadable) {
            files.delete(location);
            throw unreadable;
        }
        String name = fileName(upload.getOriginalFilename());
        transactions.inAccount(accountId,
                () -> jobs.save(ImportJob.csvDraft(id, name, location, upload.getSize(), userId, clock.instant())));
        return id;
    }

    /** A job of the current account, of any kind and status. */
    Optional<ImportJob> find(String id) {
        return jobs.findById(id);
    }

    /** The start of a draft's file, for mapping. */
    CsvSample sample(ImportJob draft) {
        return CsvSample.read(files.resolve(draft.fileLocation()), SAMPLE_ROWS);
    }

    /** The mapping the file's headers and first rows suggest. */
    ImportMapping guess(CsvSample sample) {
        return new ImportMapping(sample.delimiter(), ColumnGuesser.guess(sample.headers(), sample.rows()), false);
    }

    /** The first rows as they would be imported with {@code mapping}. */
    List<PreviewRow> preview(ImportJob draft, CsvSample sample, ImportMapping mapping) {
        RowConverter converter = new RowConverter(mapping, draft.fileName());
        List<PreviewRow> rows = new ArrayList<>();
        for (int i = 0; i < sample.rows().size() && i < PREVIEW_ROWS; i++) {
            rows.add(PreviewRow.of(i + 2, converter.convert(sample.rows().get(i), clock.instant())));
        }
        return rows;
    }

    /**
     * Checks a mapping, rejecting into {@code errors} (under the form's paths {@code columns[i].target} and
     * {@code columns[i].property}) a standard field chosen twice, a property without a name or with a name taken,
     * and a mapping that names no profile.
     */
    void validate(ImportMapping mapping, Errors errors) {
        Map<ColumnTarget, Integer> fields = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        boolean identifier = false;
        List<ColumnMapping> columns = mapping.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnMapping column = columns.get(i);
            if (column.target().isStandardField() && fields.putIfAbsent(column.target(), i) != null) {
                errors.rejectValue("columns[%d].target".formatted(i), "imports.error.field-taken");
            }
            if (column.target() == ColumnTarget.PROPERTY) {
                if (column.property() == null || column.property().isBlank()) {
                    errors.rejectValue("columns[%d].property".formatted(i), "imports.error.property-name");
                }
                else if (column.property().length() > 200) {
                    errors.rejectValue("columns[%d].property".formatted(i), "imports.error.property-too-long");
                }
                else if (names.putIfAbsent(column.property(), i) != null) {
                    errors.rejectValue("columns[%d].property".formatted(i), "imports.error.property-taken");
                }
            }
            identifier |= column.target().isIdentifier();
        }
        if (!identifier) {
            errors.reject("imports.error.no-identifier");
        }
    }

    /** Queues a mapped draft for the worker; {@code false} when it is no longer a draft. */
    boolean start(String id, ImportMapping mapping) {
        String accountId = TenantContext.requireAccountId();
        boolean queued = transactions.inAccount(accountId, () -> jobs.findById(id)
            .filter(job -> job.status() == ImportStatus.DRAFT)
            .map(job -> {
                job.queue(json.writeValueAsString(mapping), clock.instant());
                return true;
            })
            .orElse(false));
        if (queued) {
            worker.wakeUp();
        }
        return queued;
    }

    /** The mapping a queued job runs with. */
    ImportMapping mappingOf(ImportJob job) {
        return json.readValue(job.mapping(), ImportMapping.class);
    }

    /** Stops a job that has not finished. Returns whether it was still going. */
    boolean cancel(ImportJob job) {
        boolean cancelled = ledger.cancel(TenantContext.requireAccountId(), job.id(), clock.instant());
        if (cancelled && job.status() != ImportStatus.PROCESSING) {
            // Nobody reads it; a processing job's worker deletes the file once it notices
            files.delete(job.fileLocation());
        }
        return cancelled;
    }

    private static String fileName(String original) {
        if (original == null || original.isBlank()) {
            return "upload.csv";
        }
        // Browsers on Windows may send the whole path
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    /**
     * One row of the preview.
     *
     * @param rowNumber the spreadsheet row (the header is row 1)
     * @param attributes what the profile would become, or {@code null}
     * @param problem why the row would be refused, or {@code null}
     */
    record PreviewRow(int rowNumber, ProfileAttributes attributes, Converted.Invalid problem) {

        static PreviewRow of(int rowNumber, Converted converted) {
            return converted instanceof Converted.Valid valid ? new PreviewRow(rowNumber, valid.attributes(), null)
                    : new PreviewRow(rowNumber, null, (Converted.Invalid) converted);
        }

        /** First and last name, as one. */
        public String name() {
            return Stream.of(attributes.firstName(), attributes.lastName())
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        }

        /** City, region and country, as one. */
        public String place() {
            Location location = attributes.location();
            return location == null ? ""
                    : Stream.of(location.city(), location.region(), location.country())
                        .filter(Objects::nonNull)
                        .collect(Collectors.joining(", "));
        }

        /** The custom properties, possibly none. */
        public Map<String, Object> properties() {
            return attributes.properties() == null ? Map.of() : attributes.properties();
        }

        /** Whether the row's email would be subscribed. */
        public boolean subscribed() {
            return attributes.consent() != null;
        }
    }
}
