package dev.magpie.activity.internal.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.magpie.activity.MetricSource;

/**
 * A realistic online store's traffic, made up deterministically from a seed: visits (sessions) by its
 * {@link Shoppers}, each a walk down the funnel — Active on Site, Viewed Product, Added to Cart, Started
 * Checkout, Placed Order with one Ordered Product per line. Some customers come back far more often than
 * others; visits follow the shopper's local day (quiet nights, lunch and evening peaks), the week (busier
 * weekends), a growing trend, and a five-day sale in which more people visit and more of them buy.
 *
 * <p>Session {@code i} is the same for the same seed whichever thread makes it, so the demo seeding and the
 * load tool can split the work freely. The demo seeding and the load tool both use this class.
 */
final class StoreTraffic {

    /** What an average session yields (measured over many sessions; see StoreTrafficTests). */
    static final double EVENTS_PER_SESSION = 3.94;

    static final String CURRENCY = "USD";

    private static final long SALT = 2;

    private static final Duration STEP = Duration.ofSeconds(20);

    private static final List<String> REFERRERS = List.of("direct", "google", "google", "instagram", "email",
            "facebook", "tiktok");

    private static final List<String> DEVICES = List.of("mobile", "mobile", "mobile", "desktop", "desktop", "tablet");

    private final long seed;

    private final Shoppers shoppers;

    private final Instant end;

    private final Duration span;

    private final String tag;

    /**
     * @param shoppers who visits
     * @param end when the traffic stops (usually now)
     * @param span how long before {@code end} it starts
     * @param tag goes into every unique id and order id, so that runs with different tags never collide
     */
    StoreTraffic(long seed, Shoppers shoppers, Instant end, Duration span, String tag) {
        this.seed = seed;
        this.shoppers = shoppers;
        this.end = end;
        this.span = span;
        this.tag = tag;
    }

    Shoppers shoppers() {
        return shoppers;
    }

    /** How many sessions make about {@code events} events. */
    static long sessionsFor(long events) {
        return Math.round(events / EVENTS_PER_SESSION);
    }

    /** The events of session {@code index}, in the order they happened. */
    List<StoreEvent> session(long index) {
        SplittableRandom random = Seeds.random(seed, SALT, index);
        Shopper shopper = shoppers.shopper(loyalShopper(random));
        Instant start = sessionStart(random, ZoneId.of(shopper.location().timezone()));
        boolean sale = inSale(start);
        Session session = new Session(shopper, start, index);

        session.add("Active on Site", MetricSource.API, null, activeOnSite(random));
        List<Product> viewed = new ArrayList<>();
        int views = 1;
        while (views < 8 && Seeds.chance(random, 0.55)) {
            views++;
        }
        for (int i = 0; i < views; i++) {
            Product product = popularProduct(random);
            viewed.add(product);
            session.add("Viewed Product", MetricSource.API, null, productProperties(product));
        }
        if (!Seeds.chance(random, sale ? 0.38 : 0.30)) {
            return session.events;
        }
        List<Line> cart = new ArrayList<>();
        addToCart(random, session, cart, viewed.get(random.nextInt(viewed.size())));
        if (viewed.size() > 1 && Seeds.chance(random, 0.3)) {
            addToCart(random, session, cart, viewed.get(random.nextInt(viewed.size())));
        }
        if (!Seeds.chance(random, 0.55)) {
            return session.events;
        }
        BigDecimal subtotal = cart.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        session.add("Started Checkout", MetricSource.SHOPIFY, subtotal, checkoutProperties(session, cart));
        if (!Seeds.chance(random, sale ? 0.70 : 0.62)) {
            return session.events;
        }
        placeOrder(random, session, cart, subtotal, sale);
        return session.events;
    }

    /** Regulars visit far more often than one-off buyers: a few hundred shoppers make a good share of visits. */
    private int loyalShopper(SplittableRandom random) {
        int count = shoppers.count();
        int rank = (int) (count * Math.pow(random.nextDouble(), 1.3));
        // Spread the regulars over the list instead of having them all at its start
        return (int) ((rank * 7_919L) % count);
    }

    private Instant sessionStart(SplittableRandom random, ZoneId zone) {
        long seconds = span.toSeconds();
        while (true) {
            Instant candidate = end.minusSeconds(1 + random.nextLong(seconds));
            if (random.nextDouble() * 4.2 < weight(candidate, zone)) {
                return candidate;
            }
        }
    }

    /** How busy the store is at {@code time}, at most 4.2. */
    private double weight(Instant time, ZoneId zone) {
        double elapsed = 1 - (double) Duration.between(time, end).toSeconds() / span.toSeconds();
        double trend = 0.8 + 0.4 * elapsed;
        ZonedDateTime local = time.atZone(zone);
        double week = local.getDayOfWeek() == DayOfWeek.SATURDAY ? 1.2
                : local.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.25 : local.getDayOfWeek() == DayOfWeek.FRIDAY ? 1.05 : 0.95;
        return trend * week * hourOfDay(local.getHour()) * (inSale(time) ? 2.0 : 1.0);
    }

    private static double hourOfDay(int hour) {
        return switch (hour) {
            case 0, 1 -> 0.35;
            case 2, 3, 4, 5 -> 0.15;
            case 6, 7 -> 0.45;
            case 8, 9, 10, 11 -> 0.8;
            case 12, 13 -> 1.0;
            case 14, 15, 16, 17, 18 -> 0.85;
            case 19, 20, 21 -> 1.4;
            default -> 0.9;
        };
    }

    /** Five days of sale, starting about two thirds into the period. */
    private boolean inSale(Instant time) {
        Instant saleStart = end.minus(span).plus(span.multipliedBy(68).dividedBy(100));
        return !time.isBefore(saleStart) && time.isBefore(saleStart.plus(Duration.ofDays(5)));
    }

    private static Product popularProduct(SplittableRandom random) {
        List<Product> catalogue = Product.CATALOGUE;
        return catalogue.get((int) (catalogue.size() * Math.pow(random.nextDouble(), 1.8)));
    }

    private static Map<String, Object> activeOnSite(SplittableRandom random) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("page", Product.STORE_URL + "/");
        properties.put("referrer", Seeds.pick(random, REFERRERS));
        properties.put("device", Seeds.pick(random, DEVICES));
        return properties;
    }

    private static Map<String, Object> productProperties(Product product) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ProductName", product.name());
        properties.put("ProductID", product.id());
        properties.put("SKU", product.sku());
        properties.put("Categories", List.of(product.category()));
        properties.put("Brand", product.brand());
        properties.put("Price", product.price());
        properties.put("URL", product.url());
        properties.put("ImageURL", product.imageUrl());
        return properties;
    }

    private static void addToCart(SplittableRandom random, Session session, List<Line> cart, Product product) {
        if (cart.stream().anyMatch(line -> line.product().equals(product))) {
            return;
        }
        int quantity = Seeds.chance(random, 0.8) ? 1 : Seeds.chance(random, 0.75) ? 2 : 3;
        Line line = new Line(product, quantity);
        cart.add(line);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("AddedItemProductName", product.name());
        properties.put("AddedItemProductID", product.id());
        properties.put("AddedItemSKU", product.sku());
        properties.put("AddedItemCategories", List.of(product.category()));
        properties.put("AddedItemPrice", product.price());
        properties.put("AddedItemQuantity", quantity);
        properties.put("ItemNames", cart.stream().map(l -> l.product().name()).toList());
        properties.put("CheckoutURL", Product.STORE_URL + "/cart");
        session.add("Added to Cart", MetricSource.API, line.total(), properties);
    }

    private Map<String, Object> checkoutProperties(Session session, List<Line> cart) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$event_id", "chk-" + tag + "-" + session.index);
        properties.put("ItemNames", cart.stream().map(line -> line.product().name()).toList());
        properties.put("Categories", cart.stream().map(line -> line.product().category()).distinct().toList());
        properties.put("CheckoutURL", Product.STORE_URL + "/checkouts/" + tag + "-" + session.index);
        properties.put("Items", cart.stream().map(Line::properties).toList());
        return properties;
    }

    private void placeOrder(SplittableRandom random, Session session, List<Line> cart, BigDecimal subtotal,
            boolean sale) {
        String orderId = "MAG-" + tag + "-" + (100_000 + session.index);
        String code = sale ? "SPRING20" : Seeds.chance(random, 0.12) ? "WELCOME10" : null;
        BigDecimal discount = code == null ? BigDecimal.ZERO
                : subtotal.multiply(new BigDecimal(sale ? "0.20" : "0.10")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal shipping = subtotal.compareTo(new BigDecimal("75")) >= 0 ? BigDecimal.ZERO : new BigDecimal("6.95");
        BigDecimal total = subtotal.subtract(discount).add(shipping);

        Map<String, Object> order = new LinkedHashMap<>();
        order.put("OrderId", orderId);
        order.put("Categories", cart.stream().map(line -> line.product().category()).distinct().toList());
        order.put("ItemNames", cart.stream().map(line -> line.product().name()).toList());
        order.put("Brands", cart.stream().map(line -> line.product().brand()).distinct().toList());
        if (code != null) {
            order.put("DiscountCode", code);
            order.put("DiscountValue", discount);
        }
        order.put("ShippingCost", shipping);
        order.put("Items", cart.stream().map(Line::properties).toList());
        session.addWithId("Placed Order", MetricSource.SHOPIFY, total, order, orderId);

        for (Line line : cart) {
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("OrderId", orderId);
            product.put("ProductID", line.product().id());
            product.put("SKU", line.product().sku());
            product.put("ProductName", line.product().name());
            product.put("Quantity", line.quantity());
            product.put("Categories", List.of(line.product().category()));
            product.put("ProductBrand", line.product().brand());
            product.put("ProductURL", line.product().url());
            product.put("ImageURL", line.product().imageUrl());
            session.addWithId("Ordered Product", MetricSource.SHOPIFY, line.total(), product,
                    orderId + ":" + line.product().id());
        }
    }

    /** A product in a cart, and how many of it. */
    private record Line(Product product, int quantity) {

        BigDecimal total() {
            return product.price().multiply(BigDecimal.valueOf(quantity));
        }

        Map<String, Object> properties() {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ProductID", product.id());
            item.put("SKU", product.sku());
            item.put("ProductName", product.name());
            item.put("Quantity", quantity);
            item.put("ItemPrice", product.price());
            item.put("RowTotal", total());
            item.put("ProductURL", product.url());
            item.put("ImageURL", product.imageUrl());
            item.put("ProductCategories", List.of(product.category()));
            return item;
        }
    }

    /** The events of one visit, each a little after the one before. */
    private final class Session {

        private final Shopper shopper;

        private final long index;

        private final List<StoreEvent> events = new ArrayList<>();

        private Instant clock;

        Session(Shopper shopper, Instant start, long index) {
            this.shopper = shopper;
            this.clock = start;
            this.index = index;
        }

        void add(String metric, MetricSource source, BigDecimal value, Map<String, Object> properties) {
            addWithId(metric, source, value, properties, tag + "-" + index + "-" + events.size());
        }

        void addWithId(String metric, MetricSource source, BigDecimal value, Map<String, Object> properties,
                String uniqueId) {
            events.add(new StoreEvent(metric, source, shopper.identifiers(), clock, value,
                    value == null ? null : CURRENCY, properties, uniqueId));
            // Never past the end: the traffic is history, not the future
            Instant next = clock.plus(STEP.multipliedBy(1 + (events.size() * 7L + index) % 9));
            clock = next.isBefore(end) ? next : clock;
        }
    }
}
