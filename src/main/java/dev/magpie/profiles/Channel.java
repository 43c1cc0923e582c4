package dev.magpie.profiles;

/** A kind of message a profile can consent to receive. */
public enum Channel {

    EMAIL_MARKETING, SMS_MARKETING, SMS_TRANSACTIONAL
}
