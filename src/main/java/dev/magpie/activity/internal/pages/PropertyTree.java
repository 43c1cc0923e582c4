package dev.magpie.activity.internal.pages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Custom properties (nested JSON) as nested key–value lists a page can show: objects nest, lists of plain
 * values read as one comma-separated value, lists of objects are numbered.
 */
final class PropertyTree {

    /** One key and either its value or, for an object, its own keys. */
    record Node(String key, String value, List<Node> children) {

        public boolean leaf() {
            return children == null;
        }
    }

    private PropertyTree() {
    }

    static List<Node> of(Map<String, ?> properties) {
        List<Node> nodes = new ArrayList<>();
        if (properties != null) {
            properties.forEach((key, value) -> nodes.add(node(key, value)));
        }
        return nodes;
    }

    private static Node node(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            List<Node> children = new ArrayList<>();
            map.forEach((childKey, child) -> children.add(node(String.valueOf(childKey), child)));
            return new Node(key, null, children);
        }
        if (value instanceof List<?> list && list.stream().anyMatch(item -> item instanceof Map || item instanceof List)) {
            List<Node> children = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                children.add(node(String.valueOf(i + 1), list.get(i)));
            }
            return new Node(key, null, children);
        }
        if (value instanceof List<?> list) {
            return new Node(key, String.join(", ", list.stream().map(PropertyTree::text).toList()), null);
        }
        return new Node(key, text(value), null);
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }
}
