package dev.magpie.imports.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.imports.internal.CsvSample.UnreadableCsv;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.domain.Limit;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The imports pages: every import of the account with its status (for everyone), uploading a CSV file, mapping
 * its columns with a preview, and following a job's progress to its error report (managers and above start and
 * cancel imports; analysts only look).
 */
@Controller
@RequestMapping("/imports")
class ImportsController {

    private static final int PAGE = 25;

    private final CsvImports imports;

    private final ImportJobRepository jobs;

    private final ErrorReport report;

    private final ListDirectory lists;

    ImportsController(CsvImports imports, ImportJobRepository jobs, ErrorReport report, ListDirectory lists) {
        this.imports = imports;
        this.jobs = jobs;
        this.report = report;
        this.lists = lists;
    }

    @InitBinder("form")
    void allowWideFiles(WebDataBinder binder) {
        // A column is one element of the form's list; files may have more columns than Spring's default of 256
        binder.setAutoGrowCollectionLimit(5000);
    }

    @GetMapping
    String list(@ModelAttribute("member") CurrentMember member, @RequestParam(required = false) String before,
            Model model) {
        List<ImportJob> page = before == null ? jobs.findAllByOrderByIdDesc(Limit.of(PAGE + 1))
                : jobs.findByIdLessThanOrderByIdDesc(before, Limit.of(PAGE + 1));
        model.addAttribute("imports", page.stream().limit(PAGE).map(ImportSummary::of).toList());
        model.addAttribute("older", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        return "imports/list";
    }

    @GetMapping("/new")
    String uploadForm(@ModelAttribute("member") CurrentMember member) {
        requireWriter(member);
        return "imports/new";
    }

    @PostMapping
    String upload(@ModelAttribute("member") CurrentMember member,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model) {
        requireWriter(member);
        try {
            return "redirect:/imports/" + imports.upload(file, member.userId()) + "/mapping";
        }
        catch (UnreadableCsv refused) {
            model.addAttribute("fileError", refused.messageCode());
            return "imports/new";
        }
    }

    @GetMapping("/{id}/mapping")
    String mapping(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model) {
        requireWriter(member);
        ImportJob job = job(id);
        if (job.status() != ImportStatus.DRAFT) {
            return "redirect:/imports/" + id;
        }
        CsvSample sample = imports.sample(job);
        ImportMapping guessed = imports.guess(sample);
        return mappingPage(job, sample, MappingForm.of(guessed), guessed, model);
    }

    @PostMapping("/{id}/mapping")
    String map(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            @ModelAttribute("form") MappingForm form, BindingResult errors,
            @RequestParam(defaultValue = "preview") String action, Model model, RedirectAttributes redirect) {
        requireWriter(member);
        ImportJob job = job(id);
        if (job.status() != ImportStatus.DRAFT) {
            return "redirect:/imports/" + id;
        }
        CsvSample sample = imports.sample(job);
        ImportMapping mapping = form.toMapping(sample);
        if ("start".equals(action)) {
            imports.validate(mapping, errors);
            if (mapping.listId() != null && lists.all(TenantContext.requireAccountId()).stream()
                .noneMatch(list -> list.id().equals(mapping.listId()))) {
                errors.rejectValue("listId", "imports.list.unknown");
            }
            if (!errors.hasErrors() && imports.start(id, mapping)) {
                redirect.addFlashAttribute("flashCode", "imports.started");
                return "redirect:/imports/" + id;
            }
        }
        return mappingPage(job, sample, form, mapping, model);
    }

    @GetMapping("/{id}")
    String job(@ModelAttribute("member") CurrentMember member, @PathVariable String id, Model model) {
        ImportJob job = job(id);
        if (job.status() == ImportStatus.DRAFT && member.canWrite()) {
            return "redirect:/imports/" + id + "/mapping";
        }
        model.addAttribute("job", ImportSummary.of(job));
        if (job.mapping() != null) {
            model.addAttribute("mapping", imports.mappingOf(job));
        }
        return "imports/job";
    }

    @GetMapping("/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        model.addAttribute("job", ImportSummary.of(job(id)));
        return "imports/job :: progress";
    }

    @GetMapping("/{id}/errors.csv")
    void errorReport(@PathVariable String id, HttpServletResponse response) throws IOException {
        ImportJob job = job(id);
        String name = (job.fileName() == null ? "api-import-" + job.id() : stripCsv(job.fileName())) + "-errors.csv";
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
        Writer out = response.getWriter();
        report.write(job, out);
        out.flush();
    }

    @PostMapping("/{id}/cancel")
    String cancel(@ModelAttribute("member") CurrentMember member, @PathVariable String id,
            RedirectAttributes redirect) {
        requireWriter(member);
        ImportJob job = job(id);
        if (imports.cancel(job)) {
            redirect.addFlashAttribute("flashCode", "imports.cancelled");
        }
        return "redirect:/imports/" + id;
    }

    private String mappingPage(ImportJob job, CsvSample sample, MappingForm form, ImportMapping mapping,
            Model model) {
        model.addAttribute("job", ImportSummary.of(job));
        model.addAttribute("sample", sample);
        model.addAttribute("samples", columnSamples(sample));
        model.addAttribute("form", form);
        model.addAttribute("targets", ColumnTarget.standardFields());
        model.addAttribute("types", ValueType.values());
        model.addAttribute("lists", lists.all(TenantContext.requireAccountId()));
        model.addAttribute("preview", imports.preview(job, sample, mapping));
        return "imports/mapping";
    }

    /** Per column, its first few values, to recognise it by. */
    private static List<String> columnSamples(CsvSample sample) {
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < sample.headers().size(); i++) {
            int column = i;
            samples.add(sample.rows()
                .stream()
                .map(row -> column < row.size() ? row.get(column) : "")
                .filter(value -> !value.isBlank())
                .limit(3)
                .collect(Collectors.joining(" · ")));
        }
        return samples;
    }

    private ImportJob job(String id) {
        return imports.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static void requireWriter(CurrentMember member) {
        if (member == null || !member.canWrite()) {
            throw new AccessDeniedException("Only managers and above may import profiles");
        }
    }

    private static String stripCsv(String fileName) {
        return fileName.toLowerCase().endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }
}
