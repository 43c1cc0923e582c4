package dev.magpie.tenancy.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Invitations of the current account (or of all accounts, when run as root to accept one). */
interface InvitationRepository extends JpaRepository<Invitation, String> {

    Optional<Invitation> findByTokenHash(String tokenHash);

    List<Invitation> findAllByAcceptedAtIsNullOrderByCreatedAtDesc();
}
