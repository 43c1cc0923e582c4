package dev.magpie.activity.internal.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo store's traffic looks like a real store's, and the same seed always makes the same store. */
class StoreTrafficTests {

    static final Instant END = Instant.parse("2026-07-15T12:00:00Z");

    static final Duration NINETY_DAYS = Duration.ofDays(90);

    final StoreTraffic traffic = new StoreTraffic(42, new Shoppers(42, 10_000, END), END, NINETY_DAYS, "t");

    @Test
    void theSameSeedMakesTheSameShoppersAndSessions() {
        StoreTraffic again = new StoreTraffic(42, new Shoppers(42, 10_000, END), END, NINETY_DAYS, "t");
        StoreTraffic other = new StoreTraffic(43, new Shoppers(43, 10_000, END), END, NINETY_DAYS, "t");

        assertThat(again.shoppers().shopper(17)).isEqualTo(traffic.shoppers().shopper(17));
        assertThat(again.session(1234)).isEqualTo(traffic.session(1234));
        assertThat(other.session(1234)).isNotEqualTo(traffic.session(1234));
    }

    @Test
    void shoppersHaveUniqueEmailsValidPhonesAndConsent() {
        Shoppers shoppers = traffic.shoppers();
        List<Shopper> all = java.util.stream.IntStream.range(0, shoppers.count()).mapToObj(shoppers::shopper).toList();

        assertThat(all.stream().map(Shopper::email).distinct().count()).isEqualTo(10_000);
        List<String> phones = all.stream().map(Shopper::phoneNumber).filter(java.util.Objects::nonNull).toList();
        assertThat(phones.size()).isBetween(3_700, 4_300);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        assertThat(phones).allSatisfy(phone -> {
            assertThat(phone).matches("\\+[1-9]\\d{8,14}");
            assertThat(util.isValidNumber(util.parse(phone, null))).as(phone).isTrue();
        });
        assertThat(all).allSatisfy(shopper -> {
            assertThat(shopper.location().city()).isNotBlank();
            assertThat(shopper.location().timezone()).isNotBlank();
        });
        long subscribed = all.stream().filter(shopper -> shopper.consent().containsKey(dev.magpie.profiles.Channel.EMAIL_MARKETING)
                && shopper.consent().get(dev.magpie.profiles.Channel.EMAIL_MARKETING).allows()).count();
        assertThat(subscribed).isBetween(5_800L, 6_600L);
        assertThat(all.stream().filter(shopper -> shopper.properties().get("acquisition") instanceof Map)).hasSizeGreaterThan(6_000);
    }

    @Test
    void aboutTwoHundredThousandEventsFollowTheFunnelOverNinetyDays() {
        long sessions = StoreTraffic.sessionsFor(200_000);
        List<StoreEvent> events = LongStream.range(0, sessions).boxed()
            .flatMap(session -> traffic.session(session).stream())
            .toList();

        assertThat(events.size()).isBetween(195_000, 205_000);
        Map<String, Long> byMetric = events.stream()
            .collect(Collectors.groupingBy(StoreEvent::metric, Collectors.counting()));
        long visits = byMetric.get("Active on Site");
        long views = byMetric.get("Viewed Product");
        long carts = byMetric.get("Added to Cart");
        long checkouts = byMetric.get("Started Checkout");
        long orders = byMetric.get("Placed Order");
        assertThat(visits).isEqualTo(sessions);
        assertThat(views).isGreaterThan(2 * visits);
        assertThat(checkouts).isLessThan(carts);
        assertThat((double) orders / visits).as("conversion rate").isBetween(0.08, 0.13);
        assertThat(byMetric.get("Ordered Product")).isGreaterThanOrEqualTo(orders);

        assertThat(events).allSatisfy(event -> assertThat(event.time()).isBetween(END.minus(NINETY_DAYS), END));
        assertThat(events.stream().map(StoreEvent::uniqueId).collect(Collectors.toSet())).hasSize(events.size());
        assertThat(events.stream().filter(event -> event.metric().equals("Placed Order")))
            .allSatisfy(order -> {
                assertThat(order.value()).isPositive();
                assertThat(order.valueCurrency()).isEqualTo("USD");
                assertThat(order.properties()).containsKeys("OrderId", "Items", "ItemNames");
            });
    }

    @Test
    void weekendsAreBusierThanWeekdaysAndTheSaleIsTheBusiestWeek() {
        List<StoreEvent> orders = LongStream.range(0, 30_000).boxed()
            .flatMap(session -> traffic.session(session).stream())
            .filter(event -> event.metric().equals("Active on Site"))
            .toList();
        Map<java.time.DayOfWeek, Long> byDay = orders.stream()
            .collect(Collectors.groupingBy(event -> event.time().atZone(ZoneOffset.UTC).getDayOfWeek(),
                    Collectors.counting()));
        assertThat(byDay.get(java.time.DayOfWeek.SATURDAY)).isGreaterThan(byDay.get(java.time.DayOfWeek.TUESDAY));

        Map<Long, Long> byWeek = orders.stream()
            .collect(Collectors.groupingBy(event -> Duration.between(END.minus(NINETY_DAYS), event.time()).toDays() / 7,
                    Collectors.counting()));
        long busiest = byWeek.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(busiest).as("the week of the sale (days 61–66)").isBetween(8L, 9L);
    }

    @Test
    void orderValuesAreTheirLinesLessDiscountPlusShipping() {
        Set<String> checked = new HashSet<>();
        LongStream.range(0, 5_000).boxed().flatMap(session -> traffic.session(session).stream())
            .filter(event -> event.metric().equals("Placed Order"))
            .forEach(order -> {
                List<?> items = (List<?>) order.properties().get("Items");
                BigDecimal lines = items.stream().map(item -> (BigDecimal) ((Map<?, ?>) item).get("RowTotal"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal discount = (BigDecimal) order.properties().getOrDefault("DiscountValue", BigDecimal.ZERO);
                BigDecimal shipping = (BigDecimal) order.properties().get("ShippingCost");
                assertThat(order.value()).isEqualByComparingTo(lines.subtract(discount).add(shipping));
                checked.add(order.uniqueId());
            });
        assertThat(checked).hasSizeGreaterThan(300);
    }
}
