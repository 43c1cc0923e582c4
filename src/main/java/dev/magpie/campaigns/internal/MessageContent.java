package dev.magpie.campaigns.internal;

/** What a marketer sets on a campaign's email, apart from its template. */
record MessageContent(String label, String subject, String previewText, String fromEmail, String fromLabel,
        String replyToEmail) {

    static final MessageContent EMPTY = new MessageContent(null, null, null, null, null, null);
}
