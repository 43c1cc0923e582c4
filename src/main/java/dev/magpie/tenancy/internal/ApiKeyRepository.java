package dev.magpie.tenancy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** API keys of the current account (or of all accounts, when run as root). */
interface ApiKeyRepository extends JpaRepository<ApiKey, String> {

    Optional<ApiKey> findByKeyHash(String keyHash);

    List<ApiKey> findAllByOrderByCreatedAtDesc();

    /** Across accounts, for operators; callers run it as root. */
    @Query("select count(k) from ApiKey k where k.accountId = ?1 and k.revokedAt is null")
    long countActiveInAccount(String accountId);

    @Modifying
    @Query("update ApiKey k set k.lastUsedAt = ?2 where k.id = ?1")
    int markUsed(String id, Instant when);
}
