package dev.magpie.campaigns.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign page of a send that waits for its next recipients (a throttled send's next slot, a local-time send's
 * next time zone) says when they are due; a send that is publishing, and another store, see no such line.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PausedLaunchPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CampaignCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPausedSendShowsWhenItsNextRecipientsAreDue() throws Exception {
        Marketers marketers = new Marketers(mvc);
        Marketer a = marketers.signUp("Pause Pages");
        Campaign campaign = catalog.create(a.accountId(), new CampaignSettings("Slow news", List.of(), List.of(),
                SendStrategy.IMMEDIATE, null, 6, true, 16), new MessageContent("Slow", "Slowly", null,
                        "news@pause.example", "Pause", null), null);
        Instant resumesAt = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        // A launch that is publishing (it holds the claim) shows no next time
        jdbc.update("UPDATE campaigns SET status = 'SENDING', launch_owner = 'instance', launch_lease_until = ? "
                + "WHERE id = ?", Timestamp.from(resumesAt), campaign.id());
        assertThat(marketers.page(a, "/campaigns/" + campaign.id() + "/progress"))
            .contains("id=\"campaign-progress\"").doesNotContain("campaign-progress-resumes");
        // Polled again a few seconds later, the card says how fast it goes (nothing settled here: 0 a second)
        Thread.sleep(2_100);
        assertThat(marketers.page(a, "/campaigns/" + campaign.id() + "/progress"))
            .contains("id=\"campaign-progress-rate\"").contains("0.0 messages a second");

        // Paused: no owner, resumes at the end of its lease
        jdbc.update("UPDATE campaigns SET launch_owner = NULL WHERE id = ?", campaign.id());
        String expected = resumesAt.toString().substring(0, 16).replace('T', ' ');
        assertThat(marketers.page(a, "/campaigns/" + campaign.id()))
            .contains("id=\"campaign-progress-resumes\"").contains("Next recipients due at " + expected + " UTC");
        assertThat(marketers.page(a, "/campaigns/" + campaign.id() + "/progress")).contains(expected);

        Marketer b = marketers.signUp("Other Pause Pages");
        assertThat(marketers.status(b, "/campaigns/" + campaign.id() + "/progress")).isEqualTo(404);
    }
}
