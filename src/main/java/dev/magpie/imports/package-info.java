/**
 * Imports of profiles in bulk: CSV files uploaded by marketers (mapped column by column, previewed, imported
 * with live progress and a downloadable per-row error report) and Klaviyo's bulk profile import jobs
 * ({@code /api/profile-bulk-import-jobs}). Jobs live in MySQL, are claimed by one instance at a time and upsert
 * through the profiles module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Imports")
package dev.magpie.imports;
