package dev.magpie.activity.internal.pages;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.tenancy.TenantContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's latest events, live: the page polls every few seconds for events newer than the newest it
 * shows and puts them on top.
 */
@Controller
class ActivityFeedController {

    static final int PAGE = 50;

    private final ActivityQueries activity;

    private final EventRows rows;

    private final AccountFormats formats;

    private final Clock clock;

    ActivityFeedController(ActivityQueries activity, EventRows rows, AccountFormats formats, Clock clock) {
        this.activity = activity;
        this.rows = rows;
        this.formats = formats;
        this.clock = clock;
    }

    @GetMapping("/activity")
    String feed(Model model) {
        addEvents(model, Optional.empty());
        return "activity/feed";
    }

    /** The events newer than {@code since}, and the poller that asks for the ones after them. */
    @GetMapping("/activity/feed")
    String newer(@RequestParam Instant since, Model model) {
        addEvents(model, Optional.of(since));
        return "activity/feed :: newer";
    }

    private void addEvents(Model model, Optional<Instant> since) {
        String accountId = TenantContext.requireAccountId();
        List<Event> events = activity.latest(accountId, since, PAGE);
        Instant newest = events.stream()
            .map(Event::time)
            .max(Instant::compareTo)
            .orElseGet(() -> since.orElseGet(clock::instant));
        model.addAttribute("events", rows.ofFeed(accountId, events, formats.zone(accountId)));
        model.addAttribute("since", newest);
        model.addAttribute("polled", since.isPresent());
    }
}
