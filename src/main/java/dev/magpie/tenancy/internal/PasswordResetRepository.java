package dev.magpie.tenancy.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface PasswordResetRepository extends JpaRepository<PasswordReset, String> {

    /** A person's links that have not been used yet, to use them all up once the password changes. */
    List<PasswordReset> findAllByUserIdAndUsedAtIsNull(String userId);
}
