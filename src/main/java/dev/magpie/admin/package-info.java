/**
 * The operators' pages under {@code /admin}: accounts and their usage, suspending and resuming them, the
 * dev inbox of the local run, the dead letters of the job queues, and the health of the engines. Operators sign
 * in separately from marketers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Admin")
package dev.magpie.admin;
