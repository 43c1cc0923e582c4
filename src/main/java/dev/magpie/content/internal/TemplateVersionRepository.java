package dev.magpie.content.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Earlier contents of the account's templates. */
interface TemplateVersionRepository extends JpaRepository<TemplateVersion, String> {

    List<TemplateVersion> findByTemplateIdOrderByVersionDesc(String templateId);

    void deleteByTemplateId(String templateId);
}
