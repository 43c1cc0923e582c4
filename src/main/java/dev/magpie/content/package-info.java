/**
 * Content: email templates per account (versioned, edited as code), the Liquid personalisation language they are
 * written in, and rendering them for a profile into the subject, HTML (CSS inlined) and plain text of a message.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Content")
package dev.magpie.content;
