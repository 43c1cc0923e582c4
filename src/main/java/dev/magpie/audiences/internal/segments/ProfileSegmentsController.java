package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The segments section of a profile's page, which the page loads from here (htmx) as it does its lists: the
 * segments the profile is in and since when, and a choice of any segment of the account to ask why the profile is
 * in it or not. The "why" view is a fragment inside the section, or a page of its own when opened directly.
 */
@Controller
class ProfileSegmentsController {

    private final Profiles profiles;

    private final Segments segments;

    private final SegmentMemberStore members;

    private final SegmentSizeHistory sizes;

    private final MembershipExplanations explanations;

    ProfileSegmentsController(Profiles profiles, Segments segments, SegmentMemberStore members,
            SegmentSizeHistory sizes, MembershipExplanations explanations) {
        this.profiles = profiles;
        this.segments = segments;
        this.members = members;
        this.sizes = sizes;
        this.explanations = explanations;
    }

    @GetMapping("/profiles/{id}/segments")
    String section(@PathVariable String id, Model model) {
        String accountId = TenantContext.requireAccountId();
        Profile profile = profile(accountId, id);
        ZoneId zone = sizes.zone(accountId);
        Map<String, Instant> in = members.segmentsOf(accountId, profile.id());
        List<Segment> all = segments.all(accountId);
        model.addAttribute("profileId", profile.id());
        model.addAttribute("memberships", all.stream()
            .filter(segment -> in.containsKey(segment.id()))
            .map(segment -> new MembershipRow(segment.id(), segment.name(),
                    in.get(segment.id()) == null ? null : in.get(segment.id()).atZone(zone)))
            .toList());
        model.addAttribute("choices", all.stream().map(segment -> new Choice(segment.id(), segment.name(),
                in.containsKey(segment.id()))).toList());
        return "audiences/profile-segments :: segments";
    }

    /** The section's form names the segment as a parameter; the view's own address has it in the path. */
    @GetMapping("/profiles/{id}/segments/why")
    String chosen(@PathVariable String id, @RequestParam(defaultValue = "") String segment, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        return why(id, segment, model, htmx);
    }

    @GetMapping("/profiles/{id}/segments/{segmentId}/why")
    String why(@PathVariable String id, @PathVariable String segmentId, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        String accountId = TenantContext.requireAccountId();
        Profile profile = profile(accountId, id);
        model.addAttribute("profileId", profile.id());
        model.addAttribute("why", explanations.explain(accountId, segmentId, profile.id())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return htmx == null ? "audiences/segment-why" : "audiences/segment-why :: why";
    }

    private Profile profile(String accountId, String id) {
        return profiles.find(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A segment the profile is in, and since when. */
    record MembershipRow(String segmentId, String name, ZonedDateTime since) {
    }

    /** A segment offered in the "why" choice. */
    record Choice(String id, String name, boolean member) {
    }
}
