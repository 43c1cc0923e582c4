package dev.magpie.sending.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.magpie.sending.internal.MessageLog.Claim;
import dev.magpie.sending.internal.MessageLog.State;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message log's claims on the real Cassandra: one winner among concurrent claims; a settled message never
 * claimed again; a deferred one, and one whose claim outlived its lease, taken over; a lost claim changes nothing.
 */
@SpringBootTest
class MessageLogTests {

    static final Duration LEASE = Duration.ofMinutes(2);

    @Autowired
    MessageLog log;

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        String account = Ids.newId();
        String source = Ids.newId();
        String profile = Ids.newId();
        Instant now = Instant.now();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(() -> log.claim(account, source, profile, now, LEASE, true));
            }
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> claim : threads.invokeAll(claims)) {
                results.add(claim.get());
            }
            assertThat(results).filteredOn(Claim::won).hasSize(1);
            assertThat(results).filteredOn(claim -> !claim.won())
                .allSatisfy(claim -> assertThat(claim.existing().state()).isEqualTo(State.CLAIMED));
        }
        finally {
            threads.shutdown();
        }
    }

    @Test
    void aSettledMessageIsNeverClaimedAgainAndALostClaimChangesNothing() {
        String account = Ids.newId();
        String source = Ids.newId();
        String profile = Ids.newId();
        Instant now = Instant.now();
        Claim first = log.claim(account, source, profile, now, LEASE, true);
        assertThat(log.finish(account, source, profile, first.claimId(), State.SENT, "a@b.example", "<m@x>", now,
                "250 OK", null)).isTrue();

        Claim later = log.claim(account, source, profile, now.plus(Duration.ofDays(1)), LEASE, true);
        assertThat(later.won()).isFalse();
        assertThat(later.existing().state()).isEqualTo(State.SENT);
        assertThat(log.finish(account, source, profile, "another claim", State.BOUNCED, "a@b.example", null, now,
                "550", null)).isFalse();
        assertThat(log.find(account, source, profile).orElseThrow().state()).isEqualTo(State.SENT);
        assertThat(log.find(Ids.newId(), source, profile)).as("another account").isEmpty();
    }

    @Test
    void aDeferredOrStaleClaimIsTakenOverAndAFreshOneIsNot() {
        String account = Ids.newId();
        String source = Ids.newId();
        String profile = Ids.newId();
        Instant now = Instant.now();
        Claim first = log.claim(account, source, profile, now, LEASE, true);

        assertThat(log.claim(account, source, profile, now.plusSeconds(10), LEASE, true).won())
            .as("a fresh claim").isFalse();
        Claim stale = log.claim(account, source, profile, now.plus(LEASE).plusSeconds(1), LEASE, true);
        assertThat(stale.won()).as("a claim older than its lease").isTrue();
        assertThat(log.finish(account, source, profile, first.claimId(), State.SENT, null, null, now, null, null))
            .as("the consumer that lost its claim").isFalse();

        log.finish(account, source, profile, stale.claimId(), State.DEFERRED, "a@b.example", null, now, "451", null);
        Claim retry = log.claim(account, source, profile, now.plus(LEASE).plusSeconds(2), LEASE, true);
        assertThat(retry.won()).as("a deferred message").isTrue();

        log.finish(account, source, profile, retry.claimId(), State.FAILED, null, null, now, null, "out of attempts");
        assertThat(log.claim(account, source, profile, now.plus(LEASE).plusSeconds(3), LEASE, false).won())
            .as("a failed message redelivered by the broker").isFalse();
        assertThat(log.claim(account, source, profile, now.plus(LEASE).plusSeconds(4), LEASE, true).won())
            .as("a failed message queued again").isTrue();
    }

    @Test
    void recipientsOfOneShardAreClaimedTogetherAndOneAlreadyLoggedIsLeftToItsOwnClaim() throws Exception {
        String account = Ids.newId();
        String source = Ids.newId();
        List<String> shardA = sameShard(10);
        List<String> shardB = sameShard(10);
        String alone = Ids.newId();
        List<String> recipients = new ArrayList<>(shardA);
        recipients.addAll(shardB);
        recipients.add(alone);
        Instant now = Instant.now();
        String settled = shardA.get(3);
        Claim earlier = log.claim(account, source, settled, now, LEASE, true);
        log.finish(account, source, settled, earlier.claimId(), State.SENT, "a@b.example", null, now, "250", null);

        Map<String, Claim> claims = log.claimAll(account, source, recipients, now.plusSeconds(1), LEASE, true);

        assertThat(claims.keySet()).containsExactlyElementsOf(recipients);
        assertThat(claims.get(settled).won()).isFalse();
        assertThat(claims.get(settled).existing().state()).isEqualTo(State.SENT);
        assertThat(claims).allSatisfy((profile, claim) -> assertThat(claim.won()).isEqualTo(!profile.equals(settled)));
        assertThat(claims.values().stream().filter(Claim::won).map(Claim::claimId).distinct()).hasSize(20);
        for (String profile : recipients) {
            assertThat(log.find(account, source, profile).orElseThrow().claimId())
                .isEqualTo(profile.equals(settled) ? earlier.claimId() : claims.get(profile).claimId());
        }
    }

    @Test
    void ofConcurrentBatchClaimsEachRecipientIsWonOnce() throws Exception {
        String account = Ids.newId();
        String source = Ids.newId();
        List<String> recipients = new ArrayList<>(sameShard(12));
        recipients.addAll(sameShard(12));
        Instant now = Instant.now();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Map<String, Claim>>> batches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                List<String> order = new ArrayList<>(recipients);
                Collections.shuffle(order, new Random(i));
                batches.add(() -> log.claimAll(account, source, order, now, LEASE, true));
            }
            Map<String, Integer> wins = new HashMap<>();
            for (Future<Map<String, Claim>> batch : threads.invokeAll(batches)) {
                batch.get().forEach((profile, claim) -> wins.merge(profile, claim.won() ? 1 : 0, Integer::sum));
            }
            assertThat(wins).hasSize(recipients.size()).allSatisfy((profile, won) -> assertThat(won).isEqualTo(1));
        }
        finally {
            threads.shutdown();
        }
    }

    /** {@code count} new profile ids whose messages share a message-log shard. */
    private static List<String> sameShard(int count) {
        List<String> ids = new ArrayList<>();
        int shard = MessageLog.shardOf(Ids.newId());
        while (ids.size() < count) {
            String id = Ids.newId();
            if (MessageLog.shardOf(id) == shard) {
                ids.add(id);
            }
        }
        return ids;
    }
}
