package dev.magpie.admin.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** The installation's operators. */
interface OperatorRepository extends JpaRepository<Operator, String> {

    Optional<Operator> findByUsername(String username);
}
