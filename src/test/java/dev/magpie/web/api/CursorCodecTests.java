package dev.magpie.web.api;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorCodecTests {

    @Test
    void aCursorSurvivesTheRoundTrip() {
        PageCursor cursor = PageCursor.after("2024-01-01T00:00:00Z", "01HZX3", "with, commas and ü");
        String text = CursorCodec.encode(cursor);

        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(CursorCodec.decode(text)).isEqualTo(cursor);
        assertThat(CursorCodec.decode(CursorCodec.encode(PageCursor.before("x")))).isEqualTo(PageCursor.before("x"));
    }

    @Test
    void theCursorIsOpaque() {
        assertThat(CursorCodec.encode(PageCursor.after("01HZX3"))).doesNotContain("01HZX3");
    }

    @Test
    void anUnreadableCursorIsA400OnPageCursor() {
        String valid = CursorCodec.encode(PageCursor.after("a", "b"));
        for (String text : new String[] { "not a cursor!", "AAAA", valid.substring(0, valid.length() - 2),
                valid + "AAAA" }) {
            assertThatThrownBy(() -> CursorCodec.decode(text)).isInstanceOfSatisfying(ApiException.class,
                    exception -> {
                        assertThat(exception.status().value()).isEqualTo(400);
                        assertThat(exception.errors().get(0).source().parameter()).isEqualTo("page[cursor]");
                    });
        }
    }

    @Test
    void pageSizeDefaultsAndIsBounded() {
        assertThat(CursorPageRequest.of(null, null, 20, 100)).isEqualTo(new CursorPageRequest(20, Optional.empty()));
        assertThat(CursorPageRequest.of("100", null, 20, 100).size()).isEqualTo(100);
        String cursor = CursorCodec.encode(PageCursor.after("x"));
        assertThat(CursorPageRequest.of("5", cursor, 20, 100).cursor()).contains(PageCursor.after("x"));

        for (String size : new String[] { "0", "101", "-1", "ten", "1.5" }) {
            assertThatThrownBy(() -> CursorPageRequest.of(size, null, 20, 100))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.errors().get(0).source().parameter()).isEqualTo("page[size]");
                    assertThat(exception.errors().get(0).detail()).contains("from 1 to 100");
                });
        }
    }
}
