package dev.magpie.activity.internal.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.magpie.profiles.ProfileSearch;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountUsage;
import dev.magpie.tenancy.AccountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Fills the local run's demo account with a realistic store — about 10,000 customers and 200,000 events over
 * the last 90 days — once, while it has no profiles yet. It runs in the background after start-up, so Magpie
 * answers at once and the data appears over the first minute or so; the log shows the progress.
 */
@Component
@ConditionalOnBooleanProperty("magpie.demo.enabled")
class DemoStoreSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoStoreSeeder.class);

    private static final String DEMO_TAG = "demo";

    private final DemoStoreProperties store;

    private final AccountDirectory accounts;

    private final ProfileSearch search;

    private final StoreTrafficWriter writer;

    private final Clock clock;

    private final String demoAccountName;

    DemoStoreSeeder(DemoStoreProperties store, AccountDirectory accounts, ProfileSearch search,
            StoreTrafficWriter writer, Clock clock, Environment environment) {
        this.store = store;
        this.accounts = accounts;
        this.search = search;
        this.writer = writer;
        this.clock = clock;
        // The tenancy module seeds the demo account under this name and offers no lookup by owner
        this.demoAccountName = Binder.get(environment)
            .bind("magpie.demo.account-name", String.class)
            .orElse("Magpie Demo Store");
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        if (!store.enabled()) {
            return;
        }
        Thread seeding = new Thread(this::seed, "demo-store-seeder");
        seeding.setDaemon(true);
        seeding.start();
    }

    void seed() {
        Optional<AccountView> demo = demoAccount();
        if (demo.isEmpty()) {
            log.warn("Demo store not seeded: no account is named \"{}\"", demoAccountName);
            return;
        }
        String accountId = demo.get().id();
        if (!search.search(accountId, "", Optional.empty(), 1).profiles().isEmpty()) {
            log.info("Demo store already has its customers; not seeding it again");
            return;
        }
        Instant end = clock.instant();
        StoreTraffic traffic = new StoreTraffic(store.seed(), new Shoppers(store.seed(), store.profiles(), end), end,
                store.history(), DEMO_TAG);
        long sessions = StoreTraffic.sessionsFor(store.events());
        log.info("Seeding the demo store \"{}\" in the background: {} customers and about {} events over {} days",
                demoAccountName, store.profiles(), store.events(), store.history().toDays());
        AtomicLong nextReport = new AtomicLong(store.events() / 10);
        try {
            StoreTrafficWriter.Written written = writer.write(accountId, traffic, sessions, store.threads(), events -> {
                long due = nextReport.get();
                if (events >= due && nextReport.compareAndSet(due, due + store.events() / 10)) {
                    log.info("Demo store: {} events written", events);
                }
            });
            log.info("Demo store seeded: {} profiles in {} s ({}/s), then {} events in {} s ({}/s){}",
                    written.profiles(), written.profileTime().toSeconds(), perSecond(written.profiles(),
                            written.profileTime()), written.events(), written.eventTime().toSeconds(),
                    perSecond(written.events(), written.eventTime()),
                    written.refused() == 0 ? "" : "; " + written.refused() + " refused");
        }
        catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            log.warn("Demo store seeding stopped before it finished");
        }
        catch (RuntimeException failed) {
            log.error("Demo store seeding failed", failed);
        }
    }

    private static long perSecond(long count, Duration took) {
        return count * 1000 / Math.max(1, took.toMillis());
    }

    private Optional<AccountView> demoAccount() {
        return accounts.usage()
            .stream()
            .map(AccountUsage::account)
            .filter(account -> account.name().equals(demoAccountName))
            .min(Comparator.comparing(AccountView::createdAt));
    }
}
