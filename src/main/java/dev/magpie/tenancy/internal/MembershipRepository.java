package dev.magpie.tenancy.internal;

import java.util.List;
import java.util.Optional;

import dev.magpie.tenancy.Role;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Memberships of the current account only: Hibernate adds the account to every query. */
interface MembershipRepository extends JpaRepository<Membership, String> {

    Optional<Membership> findByUserId(String userId);

    List<Membership> findAllByOrderByCreatedAt();

    long countByRole(Role role);

    /** Across accounts, for the account switcher and sign-in; callers run it as root. */
    @Query("select m from Membership m where m.userId = ?1 order by m.createdAt")
    List<Membership> findAllOfUser(String userId);

    /** Across accounts, for operators; callers run it as root. */
    @Query("select count(m) from Membership m where m.accountId = ?1")
    long countInAccount(String accountId);
}
