package dev.magpie.admin.internal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead letters of the job queues: per queue how many and the newest, and putting them back on their queue or
 * throwing them away, one or all. Operators only (the whole of {@code /admin}).
 */
@Controller
class DeadLettersController {

    private final DeadLetterQueue deadLetters;

    DeadLettersController(DeadLetterQueue deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/admin/dead-letters")
    String page(Model model) {
        model.addAttribute("section", "dead-letters");
        model.addAttribute("overview", deadLetters.look());
        model.addAttribute("scanLimit", DeadLetterQueue.SCAN_LIMIT);
        return "admin/dead-letters";
    }

    /** Requeues the letter {@code id} of {@code queue}, or all its letters when no id is given. */
    @PostMapping("/admin/dead-letters/requeue")
    String requeue(@RequestParam String queue, @RequestParam(required = false) String id,
            RedirectAttributes redirect) {
        int done = deadLetters.requeue(jobQueue(queue), letter -> id == null || letter.id().equals(id));
        return done(redirect, id == null ? "admin.dead-letters.requeued-all" : "admin.dead-letters.requeued", done,
                queue);
    }

    /** Discards the letter {@code id} of {@code queue}, or all its letters when no id is given. */
    @PostMapping("/admin/dead-letters/discard")
    String discard(@RequestParam String queue, @RequestParam(required = false) String id,
            RedirectAttributes redirect) {
        int done = deadLetters.discard(jobQueue(queue), letter -> id == null || letter.id().equals(id));
        return done(redirect, id == null ? "admin.dead-letters.discarded-all" : "admin.dead-letters.discarded", done,
                queue);
    }

    private String jobQueue(String queue) {
        if (!deadLetters.jobQueues().contains(queue)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a job queue");
        }
        return queue;
    }

    private static String done(RedirectAttributes redirect, String messageCode, int count, String queue) {
        // A letter another operator handled a moment ago is simply not found
        redirect.addFlashAttribute("doneCode", count == 0 ? "admin.dead-letters.none-found" : messageCode);
        redirect.addFlashAttribute("doneCount", count);
        redirect.addFlashAttribute("doneQueue", queue);
        return "redirect:/admin/dead-letters";
    }
}
