package dev.magpie.campaigns;

/** When a campaign goes out. */
public enum SendStrategy {

    /** As soon as it is sent. */
    IMMEDIATE,

    /** At one moment for everyone. */
    STATIC,

    /** At the same date and time of day in each recipient's own time zone. */
    LOCAL
}
