package dev.magpie.profiles;

import java.util.List;
import java.util.Optional;

/** Finding profiles for people: by any identifier or by name, and every profile page by page. */
public interface ProfileSearch {

    /**
     * Profiles matching {@code text}: an exact email, phone number or external id, or a first or last name
     * (case-insensitive prefix). Empty text lists every profile, newest first.
     *
     * @param after the id of the last profile of the previous page, or empty for the first page
     */
    ProfilePage search(String accountId, String text, Optional<String> after, int limit);

    /** One page of profiles, and where the next one starts. */
    record ProfilePage(List<Profile> profiles, Optional<String> next) {
    }
}
