package dev.magpie.content.internal;

/** What a template says: subject (optional), HTML, and plain text ({@code null} to derive it from the HTML). */
record TemplateContent(String subject, String html, String text) {
}
