package dev.magpie.integrations.woocommerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads WooCommerce's webhook payloads (REST API v3 resources) into profiles and events; see
 * docs/integrations.md for the mapping. WooCommerce sends the whole order on every change, so one order can
 * bring Placed Order, Fulfilled Order and Refunded Order over its life; unique ids keep each once.
 */
@Component
class WooCommerceMapper implements FeedMapper {

    /** The topics Magpie reads; others are acknowledged and ignored. */
    static final Set<String> TOPICS = Set.of("customer.created", "customer.updated", "order.created",
            "order.updated");

    /** An order created in these states is not (yet) an order the shopper placed. */
    private static final Set<String> NOT_PLACED = Set.of("checkout-draft", "failed", "cancelled", "trash");

    /** An update to one of these states means the order was placed, whatever its creation said. */
    private static final Set<String> PLACED = Set.of("processing", "on-hold", "completed");

    private final JsonMapper json;

    WooCommerceMapper(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Feed feed() {
        return Feed.WOOCOMMERCE;
    }

    @Override
    public List<Ingestion> map(IngestionJob job) {
        JsonNode payload = Json.parse(json, job.payload());
        return switch (job.topic() == null ? "" : job.topic()) {
            case "customer.created", "customer.updated" -> customer(payload);
            case "order.created" -> order(payload, job, true);
            case "order.updated" -> order(payload, job, false);
            default -> List.of();
        };
    }

    private List<Ingestion> customer(JsonNode customer) {
        JsonNode billing = customer.get("billing");
        String email = Optional.ofNullable(Json.text(customer, "email")).orElse(Json.text(billing, "email"));
        Identifiers identifiers = new Identifiers(lowerCase(email), Json.text(billing, "phone"), null, null);
        if (identifiers.isEmpty()) {
            return List.of();
        }
        Map<String, Object> properties = new PropertyMap().put("woocommerce_customer_id", Json.text(customer, "id"))
            .put("woocommerce_username", Json.text(customer, "username"))
            .put("woocommerce_paying_customer", Json.toValue(customer.get("is_paying_customer")))
            .toMap();
        Location location = Optional.ofNullable(location(billing)).orElse(location(customer.get("shipping")));
        return List.of(new Ingestion.UpsertProfile(new ProfileAttributes(identifiers,
                Optional.ofNullable(Json.text(customer, "first_name")).orElse(Json.text(billing, "first_name")),
                Optional.ofNullable(Json.text(customer, "last_name")).orElse(Json.text(billing, "last_name")),
                Json.text(billing, "company"), null, Json.text(customer, "avatar_url"), location, properties,
                null)));
    }

    private List<Ingestion> order(JsonNode order, IngestionJob job, boolean created) {
        String orderId = Json.text(order, "id");
        ProfileAttributes profile = orderProfile(order);
        if (orderId == null || profile.identifiers().isEmpty()) {
            return List.of();
        }
        String status = Optional.ofNullable(Json.text(order, "status")).orElse("").toLowerCase(Locale.ROOT);
        String currency = Json.text(order, "currency");
        List<Ingestion> ingestions = new ArrayList<>();
        if (created ? !NOT_PLACED.contains(status) : PLACED.contains(status)) {
            Instant placedAt = time(order, job, "date_created_gmt", "date_created");
            ingestions.add(event("Placed Order", profile, placedAt, Json.decimal(order, "total"), currency,
                    orderProperties(order).toMap(), "woocommerce:order:" + orderId));
            JsonNode lineItems = order.get("line_items");
            if (lineItems != null) {
                for (JsonNode line : lineItems) {
                    String lineId = Json.text(line, "id");
                    if (lineId != null) {
                        Map<String, Object> properties = new PropertyMap().put("order_id", orderId)
                            .put("order_number", Json.text(order, "number"))
                            .putAll(item(line))
                            .toMap();
                        ingestions.add(event("Ordered Product", profile, placedAt, Json.decimal(line, "total"),
                                currency, properties, "woocommerce:order:" + orderId + ":line:" + lineId));
                    }
                }
            }
        }
        if ("completed".equals(status)) {
            ingestions.add(event("Fulfilled Order", profile,
                    time(order, job, "date_completed_gmt", "date_completed", "date_modified_gmt"),
                    Json.decimal(order, "total"), currency, orderProperties(order).toMap(),
                    "woocommerce:order:" + orderId + ":fulfilled"));
        }
        ingestions.addAll(refunds(order, orderId, status, profile, currency, job));
        return ingestions;
    }

    /** One Refunded Order per refund of the order; a refunded order without refund lines counts whole. */
    private List<Ingestion> refunds(JsonNode order, String orderId, String status, ProfileAttributes profile,
            String currency, IngestionJob job) {
        List<Ingestion> refunds = new ArrayList<>();
        Instant time = time(order, job, "date_modified_gmt", "date_modified");
        JsonNode lines = order.get("refunds");
        if (lines != null) {
            for (JsonNode refund : lines) {
                String refundId = Json.text(refund, "id");
                BigDecimal total = Json.decimal(refund, "total");
                if (refundId != null) {
                    refunds.add(event("Refunded Order", profile, time, total == null ? null : total.abs(), currency,
                            new PropertyMap().put("order_id", orderId)
                                .put("order_number", Json.text(order, "number"))
                                .put("refund_id", refundId)
                                .put("reason", Json.text(refund, "reason"))
                                .toMap(),
                            "woocommerce:refund:" + refundId));
                }
            }
        }
        if (refunds.isEmpty() && "refunded".equals(status)) {
            refunds.add(event("Refunded Order", profile, time, Json.decimal(order, "total"), currency,
                    new PropertyMap().put("order_id", orderId).put("order_number", Json.text(order, "number")).toMap(),
                    "woocommerce:order:" + orderId + ":refunded"));
        }
        return refunds;
    }

    private static PropertyMap orderProperties(JsonNode order) {
        JsonNode lineItems = order.get("line_items");
        List<String> itemNames = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal itemCount = BigDecimal.ZERO;
        if (lineItems != null) {
            for (JsonNode line : lineItems) {
                Optional.ofNullable(Json.text(line, "name")).ifPresent(itemNames::add);
                items.add(item(line));
                itemCount = itemCount.add(Optional.ofNullable(Json.decimal(line, "quantity")).orElse(BigDecimal.ONE));
            }
        }
        List<String> coupons = new ArrayList<>();
        JsonNode couponLines = order.get("coupon_lines");
        if (couponLines != null) {
            couponLines.forEach(coupon -> Optional.ofNullable(Json.text(coupon, "code")).ifPresent(coupons::add));
        }
        return new PropertyMap().put("order_id", Json.text(order, "id"))
            .put("order_number", Json.text(order, "number"))
            .put("status", Json.text(order, "status"))
            .put("item_names", itemNames)
            .put("item_count", itemCount)
            .put("items", items)
            .put("discount_codes", coupons)
            .put("total_discounts", Json.decimal(order, "discount_total"))
            .put("shipping_price", Json.decimal(order, "shipping_total"))
            .put("total_tax", Json.decimal(order, "total_tax"))
            .put("payment_method", Json.text(order, "payment_method_title"))
            .put("created_via", Json.text(order, "created_via"));
    }

    private static Map<String, Object> item(JsonNode line) {
        return new PropertyMap().put("product_id", Json.text(line, "product_id"))
            .put("variation_id", nonZero(Json.text(line, "variation_id")))
            .put("sku", Json.text(line, "sku"))
            .put("name", Json.text(line, "name"))
            .put("quantity", Json.toValue(line.get("quantity")))
            .put("price", Json.decimal(line, "price"))
            .put("total", Json.decimal(line, "total"))
            .toMap();
    }

    private static ProfileAttributes orderProfile(JsonNode order) {
        JsonNode billing = order.get("billing");
        Map<String, Object> properties = new PropertyMap()
            .put("woocommerce_customer_id", nonZero(Json.text(order, "customer_id")))
            .toMap();
        return new ProfileAttributes(new Identifiers(lowerCase(Json.text(billing, "email")),
                Json.text(billing, "phone"), null, null), Json.text(billing, "first_name"),
                Json.text(billing, "last_name"), Json.text(billing, "company"), null, null, location(billing),
                properties.isEmpty() ? null : properties, null);
    }

    private static Location location(JsonNode address) {
        if (Json.isAbsent(address)) {
            return null;
        }
        return Locations.of(Json.text(address, "address_1"), Json.text(address, "address_2"),
                Json.text(address, "city"), Json.text(address, "country"), Json.text(address, "state"),
                Json.text(address, "postcode"), null, null, null);
    }

    private static Ingestion event(String metric, ProfileAttributes profile, Instant time, BigDecimal value,
            String currency, Map<String, Object> properties, String uniqueId) {
        return new Ingestion.RecordEvent(new NewEvent(metric, MetricSource.WOOCOMMERCE, profile, time, value,
                currency, properties, uniqueId));
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

    /** WooCommerce writes 0 for "none" (a guest's customer id, a product without variations). */
    private static String nonZero(String id) {
        return "0".equals(id) ? null : id;
    }

    private static String lowerCase(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
