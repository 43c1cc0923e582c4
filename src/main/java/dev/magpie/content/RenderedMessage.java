package dev.magpie.content;

/** A message ready to send: its subject (empty when the template has none), HTML with CSS inlined, and plain text. */
public record RenderedMessage(String subject, String html, String text) {
}
