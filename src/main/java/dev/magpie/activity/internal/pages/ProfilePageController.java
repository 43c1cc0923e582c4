package dev.magpie.activity.internal.pages;

import java.time.ZoneId;
import java.util.Optional;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.ActivityQueries.EventPage;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A profile's page: identifiers, fields, location, custom properties, consent, and the activity timeline,
 * which loads further pages as the marketer scrolls. It lives in the activity module because it shows both
 * the profile and its events, and activity is the module that may use both.
 */
@Controller
class ProfilePageController {

    static final int TIMELINE_PAGE = 20;

    private final Profiles profiles;

    private final ActivityQueries activity;

    private final EventRows rows;

    private final AccountFormats formats;

    ProfilePageController(Profiles profiles, ActivityQueries activity, EventRows rows, AccountFormats formats) {
        this.profiles = profiles;
        this.activity = activity;
        this.rows = rows;
        this.formats = formats;
    }

    @GetMapping("/profiles/{id}")
    String profile(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        Profile profile = find(accountId, id);
        if (!profile.id().equals(id)) {
            // A merged-away id: show the profile it lives on in
            return "redirect:/profiles/" + profile.id();
        }
        ZoneId zone = formats.zone(accountId);
        model.addAttribute("profile", profile);
        model.addAttribute("label", EventRows.label(profile));
        model.addAttribute("zone", zone);
        model.addAttribute("properties", PropertyTree.of(profile.properties()));
        model.addAttribute("consent", ConsentRow.of(profile.consent(), zone));
        addTimeline(model, accountId, profile.id(), Optional.empty(), zone);
        return "profiles/profile";
    }

    /** The next page of the timeline, for the row that asks for it when it scrolls into view. */
    @GetMapping("/profiles/{id}/timeline")
    String timeline(@PathVariable String id, @RequestParam Optional<String> before, Model model) {
        String accountId = TenantContext.requireAccountId();
        Profile profile = find(accountId, id);
        addTimeline(model, accountId, profile.id(), before, formats.zone(accountId));
        return "activity/timeline :: events";
    }

    private Profile find(String accountId, String id) {
        return profiles.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void addTimeline(Model model, String accountId, String profileId, Optional<String> before, ZoneId zone) {
        EventPage page = activity.timeline(accountId, profileId, before, TIMELINE_PAGE);
        model.addAttribute("profileId", profileId);
        model.addAttribute("events", rows.ofTimeline(page.events(), zone));
        model.addAttribute("next", page.next().orElse(null));
        model.addAttribute("firstPage", before.isEmpty());
    }
}
