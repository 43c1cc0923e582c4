package dev.magpie.campaigns.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** The account's campaign messages (Hibernate scopes every query to the current account). */
interface StoredMessageRepository extends JpaRepository<StoredMessage, String> {

    Optional<StoredMessage> findByCampaignId(String campaignId);

    void deleteByCampaignId(String campaignId);
}
