package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent.State;
import tools.jackson.databind.JsonNode;

/**
 * Reads Klaviyo's segment definition JSON ({@code condition_groups} of {@code conditions}) into a
 * {@link SegmentDefinition}, refusing anything malformed with the JSON pointer of the offending field. Checks that
 * need the account (do the metric, lists and segments exist; no cycles) are {@link DefinitionChecks}'.
 *
 * <p>Dates given without a time ({@code 2026-01-31}) mean midnight in the account's time zone.
 */
final class DefinitionParser {

    /** Most groups and conditions a definition may have: far beyond any builder, short of abuse. */
    static final int MAX_CONDITIONS = 100;

    static final Set<String> STANDARD = Set.of("id", "email", "phone_number", "external_id", "first_name",
            "last_name", "organization", "title", "image", "locale", "created", "updated");

    static final Set<String> LOCATION = Set.of("address1", "address2", "city", "country", "region", "zip",
            "timezone", "latitude", "longitude", "ip");

    private static final Set<String> TEXT_OPERATORS = Set.of("equals", "not-equals", "contains", "not-contains",
            "starts-with", "not-starts-with", "ends-with", "not-ends-with");

    private static final Set<String> NUMERIC_OPERATORS = Set.of("equals", "not-equals", "greater-than",
            "greater-than-or-equal", "less-than", "less-than-or-equal", "between");

    private final ZoneId zone;

    DefinitionParser(ZoneId zone) {
        this.zone = zone;
    }

    SegmentDefinition parse(JsonNode definition) {
        if (definition == null || !definition.isObject()) {
            throw new DefinitionException("", "The definition must be an object with condition_groups.");
        }
        JsonNode groups = definition.get("condition_groups");
        if (groups == null || !groups.isArray() || groups.isEmpty()) {
            throw new DefinitionException("/condition_groups", "condition_groups must be a non-empty array.");
        }
        List<List<Condition>> parsed = new ArrayList<>();
        int total = 0;
        for (int g = 0; g < groups.size(); g++) {
            String groupPointer = "/condition_groups/" + g;
            JsonNode conditions = groups.get(g).get("conditions");
            if (conditions == null || !conditions.isArray() || conditions.isEmpty()) {
                throw new DefinitionException(groupPointer + "/conditions", "conditions must be a non-empty array.");
            }
            List<Condition> group = new ArrayList<>();
            for (int c = 0; c < conditions.size(); c++) {
                if (++total > MAX_CONDITIONS) {
                    throw new DefinitionException(groupPointer + "/conditions/" + c,
                            "A definition may have at most %d conditions.".formatted(MAX_CONDITIONS));
                }
                group.add(condition(conditions.get(c), groupPointer + "/conditions/" + c));
            }
            parsed.add(group);
        }
        return new SegmentDefinition(parsed);
    }

    private Condition condition(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new DefinitionException(at, "A condition must be an object.");
        }
        String type = text(node, "type", at);
        return switch (type) {
            case "profile-property" -> property(node, at);
            case "profile-metric" -> metric(node, at);
            case "profile-group-membership" -> membership(node, at);
            case "profile-marketing-consent" -> consent(node, at);
            case "profile-region" -> region(node, at);
            case "profile-location-distance" -> distance(node, at);
            case "profile-postal-code-distance" -> throw new DefinitionException(at + "/type",
                    "Distance from a postal code is not supported; use profile-location-distance with latitude "
                            + "and longitude.");
            default -> throw new DefinitionException(at + "/type", "Unknown condition type '%s'.".formatted(type));
        };
    }

    private Condition property(JsonNode node, String at) {
        Condition.PropertyPath path = propertyPath(text(node, "property", at), at + "/property");
        JsonNode filter = object(node, "filter", at);
        return new Condition.Property(at, path, valueFilter(filter, at + "/filter", true));
    }

    static Condition.PropertyPath propertyPath(String name, String at) {
        String trimmed = name.strip();
        String inner = bracketed(trimmed, "properties");
        if (inner != null) {
            return Condition.PropertyPath.custom(inner);
        }
        String location = bracketed(trimmed, "location");
        if (location == null && trimmed.startsWith("location.")) {
            location = trimmed.substring(9);
        }
        if (location != null) {
            if (!LOCATION.contains(location)) {
                throw new DefinitionException(at, "Unknown location field '%s'.".formatted(location));
            }
            return Condition.PropertyPath.standard("location." + location);
        }
        if (trimmed.isEmpty()) {
            throw new DefinitionException(at, "property must name a profile property.");
        }
        return STANDARD.contains(trimmed) ? Condition.PropertyPath.standard(trimmed)
                : Condition.PropertyPath.custom(trimmed);
    }

    /** {@code inner} of {@code prefix['inner']} (or with double quotes), else {@code null}. */
    private static String bracketed(String name, String prefix) {
        if (name.startsWith(prefix + "[") && name.endsWith("]") && name.length() > prefix.length() + 4) {
            String quoted = name.substring(prefix.length() + 1, name.length() - 1);
            char quote = quoted.charAt(0);
            if ((quote == '\'' || quote == '"') && quoted.charAt(quoted.length() - 1) == quote) {
                return quoted.substring(1, quoted.length() - 1);
            }
        }
        return null;
    }

    private Condition metric(JsonNode node, String at) {
        String metricId = text(node, "metric_id", at);
        String measurement = text(node, "measurement", at);
        if (!measurement.equals("count") && !measurement.equals("sum")) {
            throw new DefinitionException(at + "/measurement", "measurement must be count or sum.");
        }
        ValueFilter filter = valueFilter(object(node, "measurement_filter", at), at + "/measurement_filter", false);
        if (!(filter instanceof ValueFilter.Numeric numeric)) {
            throw new DefinitionException(at + "/measurement_filter/type", "measurement_filter must be numeric.");
        }
        TimeFrame frame = timeFrame(object(node, "timeframe_filter", at), at + "/timeframe_filter", true);
        List<Condition.EventPropertyFilter> eventFilters = new ArrayList<>();
        JsonNode filters = node.get("metric_filters");
        if (filters != null && !filters.isNull()) {
            if (!filters.isArray()) {
                throw new DefinitionException(at + "/metric_filters", "metric_filters must be an array.");
            }
            for (int i = 0; i < filters.size(); i++) {
                String filterAt = at + "/metric_filters/" + i;
                JsonNode item = filters.get(i);
                String property = text(item, "property", filterAt);
                JsonNode inner = item.get("filter");
                ValueFilter valueFilter = inner == null || inner.isNull() ? new ValueFilter.Existence(true)
                        : valueFilter(object(item, "filter", filterAt), filterAt + "/filter", false);
                eventFilters.add(new Condition.EventPropertyFilter(property, valueFilter));
            }
        }
        return new Condition.Metric(at, metricId, measurement.equals("sum"), numeric, frame, eventFilters);
    }

    private Condition membership(JsonNode node, String at) {
        JsonNode isMember = node.get("is_member");
        if (isMember == null || !isMember.isBoolean()) {
            throw new DefinitionException(at + "/is_member", "is_member must be true or false.");
        }
        JsonNode ids = node.get("group_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new DefinitionException(at + "/group_ids", "group_ids must name at least one list or segment.");
        }
        List<String> groupIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isString() || ids.get(i).asString().isBlank()) {
                throw new DefinitionException(at + "/group_ids/" + i, "A group id must be a string.");
            }
            groupIds.add(ids.get(i).asString());
        }
        TimeFrame since = null;
        JsonNode timeframe = node.get("timeframe_filter");
        if (timeframe != null && !timeframe.isNull()) {
            if (!isMember.booleanValue()) {
                throw new DefinitionException(at + "/timeframe_filter",
                        "A time frame applies only to is_member true.");
            }
            since = timeFrame(object(node, "timeframe_filter", at), at + "/timeframe_filter", false);
        }
        return new Condition.Membership(at, isMember.booleanValue(), groupIds, since);
    }

    private Condition consent(JsonNode node, String at) {
        JsonNode consent = object(node, "consent", at);
        String consentAt = at + "/consent";
        String channelName = text(consent, "channel", consentAt);
        Channel channel = switch (channelName) {
            case "email" -> Channel.EMAIL_MARKETING;
            case "sms" -> Channel.SMS_MARKETING;
            default -> throw new DefinitionException(consentAt + "/channel", "channel must be email or sms.");
        };
        JsonNode can = consent.get("can_receive_marketing");
        if (can == null || !can.isBoolean()) {
            throw new DefinitionException(consentAt + "/can_receive_marketing",
                    "can_receive_marketing must be true or false.");
        }
        State state = null;
        JsonNode status = consent.get("consent_status");
        if (status != null && status.isObject() && status.has("subscription")) {
            String subscription = text(status, "subscription", consentAt + "/consent_status");
            String statusAt = consentAt + "/consent_status/subscription";
            if (can.booleanValue()) {
                if (!subscription.equals("any") && !subscription.equals("subscribed")) {
                    throw new DefinitionException(statusAt, "subscription must be any or subscribed.");
                }
            }
            else {
                state = switch (subscription) {
                    case "any" -> null;
                    case "unsubscribed" -> State.UNSUBSCRIBED;
                    case "never_subscribed" -> State.NEVER_SUBSCRIBED;
                    default -> throw new DefinitionException(statusAt,
                            "subscription must be any, unsubscribed or never_subscribed.");
                };
            }
        }
        return new Condition.Consent(at, channel, can.booleanValue(), state);
    }

    private Condition region(JsonNode node, String at) {
        JsonNode in = node.get("in_region");
        if (in == null || !in.isBoolean()) {
            throw new DefinitionException(at + "/in_region", "in_region must be true or false.");
        }
        String region = text(node, "region", at);
        if (!Regions.known(region)) {
            throw new DefinitionException(at + "/region", "region must be european_union or united_states.");
        }
        return new Condition.Region(at, region, in.booleanValue());
    }

    private Condition distance(JsonNode node, String at) {
        double latitude = number(node, "latitude", at).doubleValue();
        double longitude = number(node, "longitude", at).doubleValue();
        if (latitude < -90 || latitude > 90) {
            throw new DefinitionException(at + "/latitude", "latitude must lie between -90 and 90.");
        }
        if (longitude < -180 || longitude > 180) {
            throw new DefinitionException(at + "/longitude", "longitude must lie between -180 and 180.");
        }
        String unit = text(node, "unit", at);
        if (!unit.equals("kilometers") && !unit.equals("miles")) {
            throw new DefinitionException(at + "/unit", "unit must be kilometers or miles.");
        }
        ValueFilter filter = valueFilter(object(node, "filter", at), at + "/filter", false);
        if (!(filter instanceof ValueFilter.Numeric numeric) || numeric.value().signum() < 0) {
            throw new DefinitionException(at + "/filter", "filter must be a numeric filter of a distance.");
        }
        if (unit.equals("miles")) {
            BigDecimal perMile = new BigDecimal("1.609344");
            numeric = new ValueFilter.Numeric(numeric.operator(), numeric.value().multiply(perMile),
                    numeric.end() == null ? null : numeric.end().multiply(perMile));
        }
        return new Condition.Distance(at, latitude, longitude, numeric);
    }

    private ValueFilter valueFilter(JsonNode node, String at, boolean datesAllowed) {
        String type = text(node, "type", at);
        String operator = text(node, "operator", at);
        switch (type) {
            case "string" -> {
                if (operator.equals("in") || operator.equals("not-in")) {
                    JsonNode values = node.get("value");
                    if (values == null || !values.isArray()) {
                        throw new DefinitionException(at + "/value", "value must be an array of strings.");
                    }
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        if (!values.get(i).isString()) {
                            throw new DefinitionException(at + "/value/" + i, "value must be an array of strings.");
                        }
                        texts.add(values.get(i).asString());
                    }
                    return new ValueFilter.TextList(operator.equals("in"), texts);
                }
                if (!TEXT_OPERATORS.contains(operator)) {
                    throw new DefinitionException(at + "/operator", "Unknown string operator '%s'.".formatted(operator));
                }
                return new ValueFilter.Text(operator, text(node, "value", at));
            }
            case "numeric" -> {
                if (!NUMERIC_OPERATORS.contains(operator)) {
                    throw new DefinitionException(at + "/operator",
                            "Unknown numeric operator '%s'.".formatted(operator));
                }
                BigDecimal value = number(node, "value", at);
                BigDecimal end = operator.equals("between") ? number(node, "end", at) : null;
                if (end != null && end.compareTo(value) < 0) {
                    throw new DefinitionException(at + "/end", "end must not be less than value.");
                }
                return new ValueFilter.Numeric(operator, value, end);
            }
            case "boolean" -> {
                JsonNode value = node.get("value");
                if (!operator.equals("equals")) {
                    throw new DefinitionException(at + "/operator", "A boolean filter's operator is equals.");
                }
                if (value == null || !value.isBoolean()) {
                    throw new DefinitionException(at + "/value", "value must be true or false.");
                }
                return new ValueFilter.Bool(value.booleanValue());
            }
            case "existence" -> {
                if (!operator.equals("is-set") && !operator.equals("not-set")) {
                    throw new DefinitionException(at + "/operator", "operator must be is-set or not-set.");
                }
                return new ValueFilter.Existence(operator.equals("is-set"));
            }
            case "date" -> {
                if (!datesAllowed) {
                    throw new DefinitionException(at + "/type", "A date filter is not allowed here.");
                }
                if (operator.equals("anniversary-last") || operator.equals("anniversary-next")) {
                    TimeFrame.Unit unit = unit(node, at);
                    if (unit == TimeFrame.Unit.HOUR) {
                        throw new DefinitionException(at + "/unit", "An anniversary is counted in days or weeks.");
                    }
                    return new ValueFilter.Anniversary(operator.equals("anniversary-next"),
                            unit.days(quantity(node, "quantity", at)));
                }
                return new ValueFilter.Date(timeFrame(node, at, false));
            }
            default -> throw new DefinitionException(at + "/type", "Unknown filter type '%s'.".formatted(type));
        }
    }

    private TimeFrame timeFrame(JsonNode node, String at, boolean allTimeAllowed) {
        String type = text(node, "type", at);
        if (!type.equals("date")) {
            throw new DefinitionException(at + "/type", "A time frame's type is date.");
        }
        String operator = text(node, "operator", at);
        return switch (operator) {
            case "alltime" -> {
                if (!allTimeAllowed) {
                    throw new DefinitionException(at + "/operator", "alltime is not allowed here.");
                }
                yield TimeFrame.ALL_TIME;
            }
            case "after" -> TimeFrame.after(date(node, "date", at));
            case "before" -> TimeFrame.before(date(node, "date", at));
            case "between-static" -> {
                Instant start = date(node, "start", at);
                Instant end = date(node, "end", at);
                if (!end.isAfter(start)) {
                    throw new DefinitionException(at + "/end", "end must be after start.");
                }
                yield TimeFrame.between(start, end);
            }
            case "in-the-last" -> TimeFrame.inTheLast(quantity(node, "quantity", at), unit(node, at));
            case "in-the-next" -> TimeFrame.inTheNext(quantity(node, "quantity", at), unit(node, at));
            case "at-least" -> TimeFrame.atLeast(quantity(node, "quantity", at), unit(node, at));
            case "between" -> TimeFrame.betweenAgo(quantity(node, "start", at), quantity(node, "end", at),
                    unit(node, at));
            default -> throw new DefinitionException(at + "/operator",
                    "Unknown date operator '%s'.".formatted(operator));
        };
    }

    private static TimeFrame.Unit unit(JsonNode node, String at) {
        String unit = text(node, "unit", at);
        return switch (unit) {
            case "hour" -> TimeFrame.Unit.HOUR;
            case "day" -> TimeFrame.Unit.DAY;
            case "week" -> TimeFrame.Unit.WEEK;
            default -> throw new DefinitionException(at + "/unit", "unit must be hour, day or week.");
        };
    }

    private static int quantity(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > 36_500) {
            throw new DefinitionException(at + "/" + field, field + " must be a whole number from 0 to 36500.");
        }
        return value.intValue();
    }

    private Instant date(JsonNode node, String field, String at) {
        String text = text(node, field, at);
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException bad) {
            throw new DefinitionException(at + "/" + field,
                    field + " must be an ISO 8601 date-time such as 2026-01-31T00:00:00+00:00.");
        }
    }

    private static BigDecimal number(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new DefinitionException(at + "/" + field, field + " must be a number.");
        }
        return value.decimalValue();
    }

    private static JsonNode object(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new DefinitionException(at + "/" + field, field + " must be an object.");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new DefinitionException(at + "/" + field, field + " is required and must be a string.");
        }
        return value.asString();
    }
}
