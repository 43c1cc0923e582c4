package dev.magpie.audiences.internal.lists;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How someone who subscribes through a signup path joins a list: at once, or once they confirm by email. */
enum OptInProcess {

    SINGLE_OPT_IN, DOUBLE_OPT_IN;

    /** Klaviyo's spelling: {@code single_opt_in}, {@code double_opt_in}. */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<OptInProcess> fromApiName(String name) {
        return Arrays.stream(values()).filter(value -> value.apiName().equals(name)).findFirst();
    }
}
