package dev.magpie.tenancy.internal;

import java.util.List;
import java.util.Optional;

import dev.magpie.tenancy.Role;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Memberships of the current account only: Hibernate adds the account to every query. */
interface MembershipRepository extends JpaRepository<Membership, String> {

    Optional<Membership> findByUserId(String userId);

    List<Membership> findAllByOrderByCreatedAt();

    long countByRole(Role role);

    /**
     * The members with this role, locked until the transaction ends; taken before changing or removing an
     * owner, so two owners demoting each other at once cannot leave the account without one.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from Membership m where m.role = ?1 order by m.id")
    List<Membership> lockAllByRole(Role role);

    /** Across accounts, for the account switcher and sign-in; callers run it as root. */
    @Query("select m from Membership m where m.userId = ?1 order by m.createdAt")
    List<Membership> findAllOfUser(String userId);

    /** Across accounts, for operators; callers run it as root. */
    @Query("select count(m) from Membership m where m.accountId = ?1")
    long countInAccount(String accountId);
}
