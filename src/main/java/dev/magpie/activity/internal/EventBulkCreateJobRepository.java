package dev.magpie.activity.internal;

import org.springframework.data.jpa.repository.JpaRepository;

/** The account's bulk event jobs (Hibernate scopes every query to the current account). */
interface EventBulkCreateJobRepository extends JpaRepository<EventBulkCreateJob, String> {
}
