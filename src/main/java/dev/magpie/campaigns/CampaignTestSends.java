package dev.magpie.campaigns;

/**
 * Sends a test of a campaign's email to any address, through the same rendering, assembly (headers, DKIM) and SMTP
 * server as the real send. Implemented by the sending pipeline; campaigns only asks for it, so it never depends on
 * the pipeline. A test is not a delivery of the campaign: it is not logged, not counted, and records no event.
 */
public interface CampaignTestSends {

    /**
     * Sends the campaign's message as it is stored now, rendered for {@code profileId} (or a made-up sample profile
     * when {@code null}), to {@code to}, its subject prefixed with {@code [Test]}.
     *
     * @throws UnknownCampaignException when the account has no such campaign
     * @throws TestSendException when the message cannot be sent (no template, the SMTP server refused it), saying why
     */
    void send(String accountId, String campaignId, String profileId, String to);

    /** A test that could not be sent, with a reason a marketer can act on. */
    class TestSendException extends RuntimeException {

        public TestSendException(String message) {
            super(message);
        }

        public TestSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
