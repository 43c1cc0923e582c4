/**
 * The web shell: layout and navigation, the security chains, error pages and the JSON:API building blocks
 * of the REST API. No domain code lives here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package dev.magpie.web;
