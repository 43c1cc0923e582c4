package dev.magpie.profiles.internal;

/** No profile with this id in the account: it never existed, or it belongs to another account. */
public class ProfileNotFoundException extends RuntimeException {

    private final String profileId;

    public ProfileNotFoundException(String profileId) {
        super("A profile with id " + profileId + " does not exist.", null, false, false);
        this.profileId = profileId;
    }

    public String profileId() {
        return profileId;
    }
}
