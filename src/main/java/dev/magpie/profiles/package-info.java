/**
 * Profiles: the people a store knows, recognised by email, phone number (E.164), external id or anonymous
 * id; their standard fields, custom properties and per-channel consent; identity resolution and merges.
 * Stored in Cassandra, the account id first in every partition key.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Profiles")
package dev.magpie.profiles;
