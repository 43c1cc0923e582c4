/**
 * Activity: what profiles do. Events (Viewed Product, Placed Order, Opened Email, …) on each profile's
 * timeline and in per-metric time buckets, the account's catalogue of metrics, and per-profile daily
 * rollups that segments read instead of raw events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Activity")
package dev.magpie.activity;
