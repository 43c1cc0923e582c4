package dev.magpie.imports.internal;

/**
 * What one CSV column becomes.
 *
 * @param header the column's name in the file's first row
 * @param target the profile field it sets, {@link ColumnTarget#PROPERTY} or {@link ColumnTarget#SKIP}
 * @param property the custom property's name, for {@link ColumnTarget#PROPERTY}
 * @param type how a custom property's values are read
 */
record ColumnMapping(String header, ColumnTarget target, String property, ValueType type) {

    ColumnMapping {
        if (target == null) {
            target = ColumnTarget.SKIP;
        }
        if (type == null) {
            type = ValueType.TEXT;
        }
        property = property == null ? null : property.trim();
    }
}
