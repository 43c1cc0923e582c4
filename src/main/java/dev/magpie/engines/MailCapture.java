package dev.magpie.engines;

import java.util.List;
import java.util.Optional;

/**
 * The mail a development SMTP server caught instead of delivering. A bean of this type exists only in the local
 * run and the tests, where it backs the dev inbox; production has none.
 */
public interface MailCapture {

    /** The latest messages, newest first, at most {@code limit} of them. */
    List<CapturedMail> recent(int limit);

    /** One message by its {@link CapturedMail#id()}. */
    Optional<CapturedMail> find(String id);
}
