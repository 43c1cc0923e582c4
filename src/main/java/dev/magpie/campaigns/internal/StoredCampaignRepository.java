package dev.magpie.campaigns.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** The account's campaigns (Hibernate scopes every query to the current account). */
interface StoredCampaignRepository extends JpaRepository<StoredCampaign, String> {

    List<StoredCampaign> findAllByOrderByCreatedAtDescIdDesc();
}
