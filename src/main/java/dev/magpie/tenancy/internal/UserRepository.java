package dev.magpie.tenancy.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** People who sign in; not tenant-scoped, since one person may work in several accounts. */
interface UserRepository extends JpaRepository<User, String> {

    Optional<User> findByEmailIgnoreCase(String email);
}
