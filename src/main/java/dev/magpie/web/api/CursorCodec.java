package dev.magpie.web.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns a {@link PageCursor} into the opaque, URL-safe {@code page[cursor]} value and back.
 *
 * <p>Cursors are not signed: a client that crafts one only chooses where its own page starts, within its own
 * account. A cursor that cannot be read is answered with 400 {@code invalid} on {@code page[cursor]}.
 */
public final class CursorCodec {

    /** The query parameter holding the cursor. */
    public static final String PARAMETER = "page[cursor]";

    private static final int VERSION = 1;

    private static final int MAX_VALUES = 16;

    private CursorCodec() {
    }

    /** The opaque text of {@code cursor}: base64url, no padding. */
    public static String encode(PageCursor cursor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(cursor.direction().ordinal());
            out.writeByte(cursor.position().size());
            for (String value : cursor.position()) {
                out.writeUTF(value);
            }
        }
        catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The cursor {@code text} stands for; 400 {@code invalid} when it is not one of Magpie's cursors. */
    public static PageCursor decode(String text) {
        try (DataInputStream in = new DataInputStream(
                new ByteArrayInputStream(Base64.getUrlDecoder().decode(text.trim())))) {
            if (in.readUnsignedByte() != VERSION) {
                throw invalid();
            }
            int direction = in.readUnsignedByte();
            int count = in.readUnsignedByte();
            if (direction >= PageCursor.Direction.values().length || count > MAX_VALUES) {
                throw invalid();
            }
            List<String> position = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                position.add(in.readUTF());
            }
            if (in.available() > 0) {
                throw invalid();
            }
            return new PageCursor(PageCursor.Direction.values()[direction], position);
        }
        catch (IOException | IllegalArgumentException unreadable) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.invalidParameter(PARAMETER,
                "Invalid page cursor. Use the links.next or links.prev of a previous response as they are.");
    }
}
