package dev.magpie.engines.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CQL migration script, {@code V<version>__<description>.cql}: applied once, in version order, and never
 * edited afterwards.
 *
 * @param version orders the migrations; each version is applied once
 * @param description what the script does, from its file name
 * @param script the file name
 * @param cql the script's text
 */
record CqlMigration(int version, String description, String script, String cql) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(.+)\\.cql");

    static CqlMigration of(String fileName, String cql) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalStateException("Cassandra migration " + fileName
                    + " is not named V<version>__<description>.cql, such as V002__add_profiles.cql");
        }
        return new CqlMigration(Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '), fileName,
                cql);
    }

    /** The statements of the script, in order. */
    List<String> statements() {
        return CqlScript.statements(this.cql);
    }

    /** SHA-256 of the script; line endings are normalized so that a checkout on Windows does not change it. */
    String checksum() {
        try {
            byte[] text = this.cql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
