/**
 * Audiences: who a message can go to. Lists (static: people are added and removed, with per-list opt-in) and
 * segments (dynamic: a definition over profiles, their activity and their memberships, kept true as events
 * arrive and as time passes). Membership lives in Cassandra; definitions in MySQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audiences")
package dev.magpie.audiences;
