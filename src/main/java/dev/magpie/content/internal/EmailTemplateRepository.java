package dev.magpie.content.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** The account's templates (Hibernate scopes every query to the current account). */
interface EmailTemplateRepository extends JpaRepository<EmailTemplate, String> {

    List<EmailTemplate> findAllByOrderByNameAscIdAsc();
}
