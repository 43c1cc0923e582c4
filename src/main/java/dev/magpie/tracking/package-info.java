/**
 * Tracking: opens and clicks of campaign emails. At send time each message gets an open pixel and its links are
 * rewritten to click redirects, each carrying a token signed with the account's own secret; following them records
 * "Opened Email" and "Clicked Email" on the profile, flags machine hits (link scanners, image proxies), and keeps
 * the figures campaign reports show (unique opens and clicks, clicks per link, hourly opens and clicks,
 * unsubscribes through the campaign's link). Tracking data lives in Cassandra.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tracking")
package dev.magpie.tracking;
