package dev.magpie.imports.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Import jobs of the current account only: Hibernate adds the account to every query. */
interface ImportJobRepository extends JpaRepository<ImportJob, String> {

    /** The newest jobs first, of every kind: the imports page. */
    List<ImportJob> findAllByOrderByIdDesc(Limit limit);

    /** Jobs older than {@code before} (an id), newest first: the imports page's next pages. */
    List<ImportJob> findByIdLessThanOrderByIdDesc(String before, Limit limit);

    Optional<ImportJob> findByIdAndKind(String id, ImportKind kind);

    /** API jobs after {@code after} in id order, optionally with one status; {@code after} "" starts at the first. */
    @Query("select j from ImportJob j where j.kind = ?1 and (?2 is null or j.status = ?2) and j.id > ?3 order by j.id asc")
    List<ImportJob> pageAscending(ImportKind kind, ImportStatus status, String after, Limit limit);

    /** API jobs before {@code before} in id order, newest first; a {@code before} above every id starts at the newest. */
    @Query("select j from ImportJob j where j.kind = ?1 and (?2 is null or j.status = ?2) and j.id < ?3 order by j.id desc")
    List<ImportJob> pageDescending(ImportKind kind, ImportStatus status, String before, Limit limit);
}
