package dev.magpie.integrations.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Connections of the current account (or of every account, when run as root). */
interface ConnectionRepository extends JpaRepository<Connection, String> {

    List<Connection> findAllByOrderByCreatedAtAsc();

    List<Connection> findByPlatformOrderByCreatedAtAsc(Platform platform);

    Optional<Connection> findByWriteKeyHash(String writeKeyHash);

    /** Notes a delivery; callers run it as root, at most about once a minute per connection. */
    @Modifying
    @Query("update Connection c set c.lastDeliveryAt = ?2, c.lastTopic = ?3 where c.id = ?1")
    int markDelivered(String id, Instant when, String topic);
}
