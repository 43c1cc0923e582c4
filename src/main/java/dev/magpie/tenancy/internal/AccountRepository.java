package dev.magpie.tenancy.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Accounts are not tenant-scoped: an account is the tenant. */
interface AccountRepository extends JpaRepository<Account, String> {

    boolean existsByPublicApiKey(String publicApiKey);

    Optional<Account> findByPublicApiKey(String publicApiKey);

    List<Account> findAllByOrderByCreatedAtDesc();
}
