package dev.magpie.integrations.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.FeedMapper;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.IngestionJob;
import dev.magpie.integrations.internal.Json;
import dev.magpie.integrations.internal.Locations;
import dev.magpie.integrations.internal.PropertyMap;
import dev.magpie.integrations.internal.StoreOrders;
import dev.magpie.integrations.internal.StoreOrders.OrderContact;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Shopify's webhook payloads (REST Admin API resources) into profiles and events; see
 * docs/integrations.md for the mapping. Event unique ids derive from Shopify's own ids, so a redelivered or
 * replayed webhook stores nothing twice.
 */
@Component
class ShopifyMapper implements FeedMapper {

    /** The topics Magpie reads; others are acknowledged and ignored. */
    static final Set<String> TOPICS = Set.of("customers/create", "customers/update", "checkouts/create",
            "checkouts/update", "orders/create", "orders/fulfilled", "refunds/create");

    static final String SOURCE_NAME = "Shopify";

    private static final Logger log = LoggerFactory.getLogger(ShopifyMapper.class);

    private final JsonMapper json;

    private final StoreOrders orders;

    ShopifyMapper(JsonMapper json, StoreOrders orders) {
        this.json = json;
        this.orders = orders;
    }

    @Override
    public Feed feed() {
        return Feed.SHOPIFY;
    }

    @Override
    public List<Ingestion> map(IngestionJob job) {
        JsonNode payload = Json.parse(json, job.payload());
        return switch (job.topic() == null ? "" : job.topic()) {
            case "customers/create", "customers/update" -> customer(payload, job);
            case "checkouts/create", "checkouts/update" -> checkout(payload, job);
            case "orders/create" -> placedOrder(payload, job);
            case "orders/fulfilled" -> fulfilledOrder(payload, job);
            case "refunds/create" -> refund(payload, job);
            default -> List.of();
        };
    }

    private List<Ingestion> customer(JsonNode customer, IngestionJob job) {
        Identifiers identifiers = new Identifiers(lowerCase(Json.text(customer, "email")),
                Json.text(customer, "phone"), null, null);
        if (identifiers.isEmpty()) {
            return List.of();
        }
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        consent(customer.get("email_marketing_consent"), job.receivedAt())
            .or(() -> legacyEmailConsent(customer, job.receivedAt()))
            .ifPresent(email -> consent.put(Channel.EMAIL_MARKETING, email));
        consent(customer.get("sms_marketing_consent"), job.receivedAt())
            .ifPresent(sms -> consent.put(Channel.SMS_MARKETING, sms));
        Map<String, Object> properties = new PropertyMap().put("shopify_customer_id", Json.text(customer, "id"))
            .put("shopify_tags", tags(Json.text(customer, "tags")))
            .put("shopify_orders_count", Json.toValue(customer.get("orders_count")))
            .put("shopify_total_spent", Json.decimal(customer, "total_spent"))
            .put("shopify_verified_email", Json.toValue(customer.get("verified_email")))
            .toMap();
        return List.of(new Ingestion.UpsertProfile(new ProfileAttributes(identifiers,
                Json.text(customer, "first_name"), Json.text(customer, "last_name"), null, null, null,
                location(customer.get("default_address")), properties, consent.isEmpty() ? null : consent)));
    }

    private List<Ingestion> checkout(JsonNode checkout, IngestionJob job) {
        JsonNode customer = checkout.get("customer");
        String email = Optional.ofNullable(Json.text(checkout, "email")).orElse(Json.text(customer, "email"));
        String phone = Optional.ofNullable(Json.text(checkout, "phone")).orElse(Json.text(customer, "phone"));
        ProfileAttributes profile = profile(email, phone, customer, checkout.get("billing_address"));
        if (profile.identifiers().isEmpty()) {
            // Shopify creates checkouts before the shopper gives an email; an update brings it
            return List.of();
        }
        String checkoutId = Optional.ofNullable(Json.text(checkout, "token")).orElse(Json.text(checkout, "id"));
        JsonNode lineItems = checkout.get("line_items");
        Map<String, Object> properties = new PropertyMap().put("checkout_id", Json.text(checkout, "id"))
            .put("checkout_token", Json.text(checkout, "token"))
            .put("checkout_url", Json.text(checkout, "abandoned_checkout_url"))
            .put("item_names", itemNames(lineItems))
            .put("item_count", itemCount(lineItems))
            .put("items", items(lineItems))
            .put("discount_codes", discountCodes(checkout.get("discount_codes")))
            .put("subtotal_price", Json.decimal(checkout, "subtotal_price"))
            .put("total_tax", Json.decimal(checkout, "total_tax"))
            .toMap();
        String currency = Optional.ofNullable(Json.text(checkout, "currency"))
            .orElse(Json.text(checkout, "presentment_currency"));
        return List.of(event("Started Checkout", profile, time(checkout, job, "created_at"),
                Json.decimal(checkout, "total_price"), currency, properties, "shopify:checkout:" + checkoutId));
    }

    private List<Ingestion> placedOrder(JsonNode order, IngestionJob job) {
        ProfileAttributes profile = orderProfile(order);
        String orderId = Json.text(order, "id");
        if (profile.identifiers().isEmpty() || orderId == null) {
            log.info("Shopify order {} names no email or phone; nothing to record", orderId);
            return List.of();
        }
        String currency = Json.text(order, "currency");
        Instant time = time(order, job, "processed_at", "created_at");
        orders.remember(job.accountId(), job.connectionId(), orderId, new OrderContact(Json.text(order, "name"),
                profile.identifiers().email(), profile.identifiers().phoneNumber(), profile.firstName(),
                profile.lastName(), currency));
        List<Ingestion> ingestions = new ArrayList<>();
        ingestions.add(event("Placed Order", profile, time, Json.decimal(order, "total_price"), currency,
                orderProperties(order).toMap(), "shopify:order:" + orderId));
        JsonNode lineItems = order.get("line_items");
        if (lineItems != null) {
            for (JsonNode line : lineItems) {
                String lineId = Json.text(line, "id");
                if (lineId == null) {
                    continue;
                }
                BigDecimal price = Json.decimal(line, "price");
                BigDecimal quantity = Optional.ofNullable(Json.decimal(line, "quantity")).orElse(BigDecimal.ONE);
                Map<String, Object> properties = new PropertyMap().put("order_id", orderId)
                    .put("order_name", Json.text(order, "name"))
                    .putAll(item(line))
                    .toMap();
                ingestions.add(event("Ordered Product", profile, time, price == null ? null : price.multiply(quantity),
                        currency, properties, "shopify:order:" + orderId + ":line:" + lineId));
            }
        }
        return ingestions;
    }

    private List<Ingestion> fulfilledOrder(JsonNode order, IngestionJob job) {
        ProfileAttributes profile = orderProfile(order);
        String orderId = Json.text(order, "id");
        if (profile.identifiers().isEmpty() || orderId == null) {
            return List.of();
        }
        List<String> trackingNumbers = new ArrayList<>();
        List<String> trackingUrls = new ArrayList<>();
        Instant fulfilledAt = null;
        JsonNode fulfillments = order.get("fulfillments");
        if (fulfillments != null) {
            for (JsonNode fulfillment : fulfillments) {
                Instant at = Json.instant(fulfillment, "created_at");
                fulfilledAt = at != null && (fulfilledAt == null || at.isAfter(fulfilledAt)) ? at : fulfilledAt;
                textsOf(fulfillment.get("tracking_numbers"), trackingNumbers);
                textsOf(fulfillment.get("tracking_urls"), trackingUrls);
            }
        }
        Instant time = fulfilledAt != null ? fulfilledAt : time(order, job, "updated_at", "processed_at");
        Map<String, Object> properties = orderProperties(order).put("tracking_numbers", trackingNumbers)
            .put("tracking_urls", trackingUrls)
            .toMap();
        return List.of(event("Fulfilled Order", profile, time, Json.decimal(order, "total_price"),
                Json.text(order, "currency"), properties, "shopify:order:" + orderId + ":fulfilled"));
    }

    private List<Ingestion> refund(JsonNode refund, IngestionJob job) {
        String refundId = Json.text(refund, "id");
        String orderId = Json.text(refund, "order_id");
        Optional<OrderContact> contact = orderId == null ? Optional.empty()
                : orders.find(job.accountId(), job.connectionId(), orderId);
        if (contact.isEmpty() || refundId == null) {
            log.info("Shopify refund {} is of order {}, which Magpie has not received; nothing to record",
                    refundId, orderId);
            return List.of();
        }
        BigDecimal refunded = BigDecimal.ZERO;
        String currency = null;
        boolean anyTransaction = false;
        JsonNode transactions = refund.get("transactions");
        if (transactions != null) {
            for (JsonNode transaction : transactions) {
                String status = Json.text(transaction, "status");
                BigDecimal amount = Json.decimal(transaction, "amount");
                if ("refund".equals(Json.text(transaction, "kind")) && amount != null
                        && (status == null || "success".equals(status))) {
                    refunded = refunded.add(amount);
                    currency = currency != null ? currency : Json.text(transaction, "currency");
                    anyTransaction = true;
                }
            }
        }
        List<String> itemNames = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal linesTotal = BigDecimal.ZERO;
        JsonNode refundLines = refund.get("refund_line_items");
        if (refundLines != null) {
            for (JsonNode refundLine : refundLines) {
                JsonNode line = refundLine.get("line_item");
                Optional.ofNullable(Json.text(line, "title")).ifPresent(itemNames::add);
                items.add(new PropertyMap().put("product_id", Json.text(line, "product_id"))
                    .put("name", Json.firstText(line, "name", "title"))
                    .put("quantity", Json.toValue(refundLine.get("quantity")))
                    .put("subtotal", Json.decimal(refundLine, "subtotal"))
                    .toMap());
                linesTotal = linesTotal.add(Optional.ofNullable(Json.decimal(refundLine, "subtotal"))
                    .orElse(BigDecimal.ZERO)).add(Optional.ofNullable(Json.decimal(refundLine, "total_tax"))
                    .orElse(BigDecimal.ZERO));
            }
        }
        OrderContact order = contact.get();
        ProfileAttributes profile = profile(order.email(), order.phoneNumber(), order.firstName(),
                order.lastName(), null);
        Map<String, Object> properties = new PropertyMap().put("order_id", orderId)
            .put("order_name", order.orderName())
            .put("refund_id", refundId)
            .put("note", Json.text(refund, "note"))
            .put("item_names", itemNames)
            .put("items", items)
            .toMap();
        return List.of(event("Refunded Order", profile, time(refund, job, "processed_at", "created_at"),
                anyTransaction ? refunded : linesTotal, currency != null ? currency : order.currency(), properties,
                "shopify:refund:" + refundId));
    }

    private PropertyMap orderProperties(JsonNode order) {
        JsonNode lineItems = order.get("line_items");
        JsonNode shipping = order.path("total_shipping_price_set").path("shop_money");
        return new PropertyMap().put("order_id", Json.text(order, "id"))
            .put("order_name", Json.text(order, "name"))
            .put("order_number", Json.toValue(order.get("order_number")))
            .put("item_names", itemNames(lineItems))
            .put("item_count", itemCount(lineItems))
            .put("items", items(lineItems))
            .put("discount_codes", discountCodes(order.get("discount_codes")))
            .put("total_discounts", Json.decimal(order, "total_discounts"))
            .put("subtotal_price", Json.decimal(order, "subtotal_price"))
            .put("total_tax", Json.decimal(order, "total_tax"))
            .put("shipping_price", Json.decimal(shipping, "amount"))
            .put("financial_status", Json.text(order, "financial_status"))
            .put("fulfillment_status", Json.text(order, "fulfillment_status"))
            .put("source_name", Json.text(order, "source_name"));
    }

    private static ProfileAttributes orderProfile(JsonNode order) {
        JsonNode customer = order.get("customer");
        String email = Optional.ofNullable(Json.firstText(order, "email", "contact_email"))
            .orElse(Json.text(customer, "email"));
        String phone = Optional.ofNullable(Json.text(order, "phone")).orElse(Json.text(customer, "phone"));
        return profile(email, phone, customer, order.get("billing_address"));
    }

    private static ProfileAttributes profile(String email, String phone, JsonNode customer, JsonNode billing) {
        String firstName = Optional.ofNullable(Json.text(customer, "first_name"))
            .orElse(Json.text(billing, "first_name"));
        String lastName = Optional.ofNullable(Json.text(customer, "last_name")).orElse(Json.text(billing, "last_name"));
        return profile(email, phone, firstName, lastName, Json.text(customer, "id"));
    }

    private static ProfileAttributes profile(String email, String phone, String firstName, String lastName,
            String customerId) {
        Map<String, Object> properties = new PropertyMap().put("shopify_customer_id", customerId).toMap();
        return new ProfileAttributes(new Identifiers(lowerCase(email), phone, null, null), firstName, lastName, null,
                null, null, null, properties.isEmpty() ? null : properties, null);
    }

    private static Ingestion event(String metric, ProfileAttributes profile, Instant time, BigDecimal value,
            String currency, Map<String, Object> properties, String uniqueId) {
        return new Ingestion.RecordEvent(new NewEvent(metric, MetricSource.SHOPIFY, profile, time, value, currency,
                properties, uniqueId));
    }

    /**
     * Shopify's {@code email_marketing_consent} or {@code sms_marketing_consent}. Only a definite choice changes
     * Magpie's consent: "not_subscribed", "pending" (awaiting confirmation), "invalid" and "redacted" leave it as
     * it is, so a subscription made through Magpie is not undone by a store that never asked.
     */
    static Optional<Consent> consent(JsonNode consent, Instant receivedAt) {
        if (Json.isAbsent(consent) || !consent.isObject()) {
            return Optional.empty();
        }
        Consent.State state = switch (String.valueOf(Json.text(consent, "state"))) {
            case "subscribed" -> Consent.State.SUBSCRIBED;
            case "unsubscribed" -> Consent.State.UNSUBSCRIBED;
            default -> null;
        };
        if (state == null) {
            return Optional.empty();
        }
        Instant at = Optional.ofNullable(Json.instant(consent, "consent_updated_at")).orElse(receivedAt);
        String method = Optional.ofNullable(Json.text(consent, "opt_in_level")).orElse("unknown");
        return Optional.of(new Consent(state, at, method, SOURCE_NAME));
    }

    /** Before {@code email_marketing_consent} (API versions up to 2022-04), {@code accepts_marketing}. */
    private static Optional<Consent> legacyEmailConsent(JsonNode customer, Instant receivedAt) {
        JsonNode accepts = customer.get("accepts_marketing");
        if (accepts == null || !accepts.isBoolean() || !accepts.asBoolean()) {
            return Optional.empty();
        }
        Instant at = Optional.ofNullable(Json.instant(customer, "accepts_marketing_updated_at")).orElse(receivedAt);
        String method = Optional.ofNullable(Json.text(customer, "marketing_opt_in_level")).orElse("unknown");
        return Optional.of(new Consent(Consent.State.SUBSCRIBED, at, method, SOURCE_NAME));
    }

    private static Location location(JsonNode address) {
        if (Json.isAbsent(address)) {
            return null;
        }
        return Locations.of(Json.text(address, "address1"), Json.text(address, "address2"),
                Json.text(address, "city"), Json.firstText(address, "country", "country_name", "country_code"),
                Json.firstText(address, "province", "province_code"), Json.text(address, "zip"), null,
                coordinate(address, "latitude"), coordinate(address, "longitude"));
    }

    private static Double coordinate(JsonNode address, String field) {
        BigDecimal value = Json.decimal(address, field);
        return value == null ? null : value.doubleValue();
    }

    private static Instant time(JsonNode resource, IngestionJob job, String... fields) {
        for (String field : fields) {
            Instant time = Json.instant(resource, field);
            if (time != null) {
                return time;
            }
        }
        return job.receivedAt();
    }

    private static List<String> itemNames(JsonNode lineItems) {
        List<String> names = new ArrayList<>();
        if (lineItems != null) {
            lineItems.forEach(line -> Optional.ofNullable(Json.firstText(line, "title", "name")).ifPresent(names::add));
        }
        return names;
    }

    private static BigDecimal itemCount(JsonNode lineItems) {
        BigDecimal count = BigDecimal.ZERO;
        if (lineItems != null) {
            for (JsonNode line : lineItems) {
                count = count.add(Optional.ofNullable(Json.decimal(line, "quantity")).orElse(BigDecimal.ONE));
            }
        }
        return count;
    }

    private static List<Map<String, Object>> items(JsonNode lineItems) {
        List<Map<String, Object>> items = new ArrayList<>();
        if (lineItems != null) {
            lineItems.forEach(line -> items.add(item(line)));
        }
        return items;
    }

    private static Map<String, Object> item(JsonNode line) {
        return new PropertyMap().put("product_id", Json.text(line, "product_id"))
            .put("variant_id", Json.text(line, "variant_id"))
            .put("sku", Json.text(line, "sku"))
            .put("name", Json.firstText(line, "name", "title"))
            .put("product_name", Json.text(line, "title"))
            .put("variant_name", Json.text(line, "variant_title"))
            .put("vendor", Json.text(line, "vendor"))
            .put("quantity", Json.toValue(line.get("quantity")))
            .put("price", Json.decimal(line, "price"))
            .toMap();
    }

    private static List<String> discountCodes(JsonNode codes) {
        List<String> found = new ArrayList<>();
        if (codes != null) {
            codes.forEach(code -> Optional.ofNullable(code.isObject() ? Json.text(code, "code") : Json.text(code))
                .ifPresent(found::add));
        }
        return found;
    }

    private static List<String> tags(String tags) {
        return tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    }

    private static void textsOf(JsonNode values, List<String> into) {
        if (values != null) {
            values.forEach(value -> Optional.ofNullable(Json.text(value)).ifPresent(into::add));
        }
    }

    private static String lowerCase(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
