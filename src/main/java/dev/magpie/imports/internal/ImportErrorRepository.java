package dev.magpie.imports.internal;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Failed rows of the current account's imports only: Hibernate adds the account to every query. */
interface ImportErrorRepository extends JpaRepository<ImportError, ImportError.Key> {

    /** A job's failed rows after row {@code after}, in row order. */
    @Query("select e from ImportError e where e.key.jobId = ?1 and e.key.rowNumber > ?2 order by e.key.rowNumber")
    List<ImportError> page(String jobId, int after, Limit limit);

    /** A job's failed rows before row {@code before}, last first. */
    @Query("select e from ImportError e where e.key.jobId = ?1 and e.key.rowNumber < ?2 order by e.key.rowNumber desc")
    List<ImportError> pageBackwards(String jobId, int before, Limit limit);
}
