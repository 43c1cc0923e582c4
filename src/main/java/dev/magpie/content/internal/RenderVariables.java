package dev.magpie.content.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.magpie.content.RenderContext;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.tenancy.AccountView;

/**
 * The variables a template sees (docs/templates.md lists them): {@code person} with the profile's standard
 * fields, {@code person.location} and {@code person.properties} (custom properties, as stored); the profile's
 * common fields again at the top level as Klaviyo writes them ({@code first_name}, {@code email}, …);
 * {@code event} with the triggering event's properties; {@code organization} with the account's name, website and
 * sender; and {@code unsubscribe_url} and {@code preferences_url}. Every text value is HTML-escaped for the HTML
 * part, so a profile's name cannot add markup to an email; the subject and text part get the values as they are.
 */
final class RenderVariables {

    private RenderVariables() {
    }

    static Map<String, Object> of(RenderContext context, AccountView account, boolean html) {
        UnaryOperator<String> value = html ? RenderVariables::escape : UnaryOperator.identity();
        Map<String, Object> variables = new HashMap<>();
        Profile profile = context.profile();
        if (profile != null) {
            Map<String, Object> person = new HashMap<>();
            put(person, "id", profile.id(), value);
            put(person, "email", profile.email(), value);
            put(person, "phone_number", profile.phoneNumber(), value);
            put(person, "external_id", profile.externalId(), value);
            put(person, "first_name", profile.firstName(), value);
            put(person, "last_name", profile.lastName(), value);
            put(person, "full_name", fullName(profile), value);
            put(person, "organization", profile.organization(), value);
            put(person, "title", profile.title(), value);
            put(person, "image", profile.image(), value);
            person.put("location", location(profile.location(), value));
            person.put("properties", profile.properties() == null ? Map.of() : copy(profile.properties(), value));
            variables.put("person", person);
            for (String shortcut : List.of("email", "phone_number", "external_id", "first_name", "last_name",
                    "full_name", "organization")) {
                if (person.containsKey(shortcut)) {
                    variables.put(shortcut, person.get(shortcut));
                }
            }
        }
        variables.put("event", copy(context.event(), value));
        if (account != null) {
            Map<String, Object> organization = new HashMap<>();
            put(organization, "name", account.name(), value);
            put(organization, "url", account.websiteUrl(), value);
            put(organization, "sender_name", account.senderName(), value);
            put(organization, "sender_email", account.senderEmail(), value);
            variables.put("organization", organization);
        }
        put(variables, "unsubscribe_url", context.unsubscribeUrl(), value);
        put(variables, "preferences_url", context.preferencesUrl(), value);
        return variables;
    }

    private static String fullName(Profile profile) {
        String name = ((profile.firstName() == null ? "" : profile.firstName()) + " "
                + (profile.lastName() == null ? "" : profile.lastName())).strip();
        return name.isEmpty() ? null : name;
    }

    private static Map<String, Object> location(Location location, UnaryOperator<String> value) {
        Map<String, Object> fields = new HashMap<>();
        if (location != null) {
            put(fields, "address1", location.address1(), value);
            put(fields, "address2", location.address2(), value);
            put(fields, "city", location.city(), value);
            put(fields, "country", location.country(), value);
            put(fields, "region", location.region(), value);
            put(fields, "zip", location.zip(), value);
            put(fields, "timezone", location.timezone(), value);
            if (location.latitude() != null) {
                fields.put("latitude", location.latitude());
            }
            if (location.longitude() != null) {
                fields.put("longitude", location.longitude());
            }
        }
        return fields;
    }

    /** Absent values are left out, so that Liquid's {@code default} applies to them. */
    private static void put(Map<String, Object> map, String key, String text, UnaryOperator<String> value) {
        if (text != null && !text.isEmpty()) {
            map.put(key, value.apply(text));
        }
    }

    private static Map<String, Object> copy(Map<String, Object> source, UnaryOperator<String> value) {
        Map<String, Object> copy = new HashMap<>();
        source.forEach((key, item) -> {
            Object converted = convert(item, value);
            if (key != null && converted != null) {
                copy.put(key, converted);
            }
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object item, UnaryOperator<String> value) {
        if (item instanceof String text) {
            return value.apply(text);
        }
        if (item instanceof Map<?, ?> map) {
            return copy((Map<String, Object>) map, value);
        }
        if (item instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(element -> converted.add(convert(element, value)));
            return converted;
        }
        if (item instanceof Number || item instanceof Boolean) {
            return item;
        }
        return item == null ? null : value.apply(item.toString());
    }

    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
