package dev.magpie.audiences.internal.lists;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** The account's lists (Hibernate scopes every query to the current account). */
interface ListDefinitionRepository extends JpaRepository<ListDefinition, String> {

    List<ListDefinition> findAllByOrderByNameAscIdAsc();
}
