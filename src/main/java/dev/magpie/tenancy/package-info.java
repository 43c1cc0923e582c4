/**
 * Accounts (the tenants), the people who work in them and their roles, API keys, and the current-tenant
 * context that scopes every query.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package dev.magpie.tenancy;
