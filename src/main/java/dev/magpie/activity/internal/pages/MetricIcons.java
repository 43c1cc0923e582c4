package dev.magpie.activity.internal.pages;

import java.util.Locale;
import java.util.Map;

/** The bootstrap-icons icon that shows what kind of event a metric is, at a glance on a timeline. */
final class MetricIcons {

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("placed order", "bag"),
            Map.entry("ordered product", "box-seam"),
            Map.entry("fulfilled order", "truck"),
            Map.entry("cancelled order", "x-circle"),
            Map.entry("refunded order", "arrow-counterclockwise"),
            Map.entry("added to cart", "cart"),
            Map.entry("viewed product", "eye"),
            Map.entry("started checkout", "credit-card"),
            Map.entry("active on site", "window"),
            Map.entry("opened email", "envelope-open"),
            Map.entry("clicked email", "cursor"),
            Map.entry("bounced email", "envelope-x"),
            Map.entry("marked email as spam", "envelope-exclamation"),
            Map.entry("unsubscribed", "envelope-slash"),
            Map.entry("subscribed to list", "person-plus"),
            Map.entry("received sms", "chat-dots"),
            Map.entry("clicked sms", "chat-dots"),
            Map.entry("form submitted", "ui-checks"));

    private MetricIcons() {
    }

    /** The icon's name without the {@code bi-} prefix. */
    static String of(String metricName) {
        String name = metricName == null ? "" : metricName.toLowerCase(Locale.ROOT).trim();
        String icon = BY_NAME.get(name);
        if (icon != null) {
            return icon;
        }
        if (name.contains("email")) {
            return "envelope";
        }
        if (name.contains("sms")) {
            return "chat-dots";
        }
        if (name.contains("order")) {
            return "bag";
        }
        return "lightning";
    }
}
