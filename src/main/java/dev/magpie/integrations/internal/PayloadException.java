package dev.magpie.integrations.internal;

import dev.magpie.web.api.ApiErrorSource;
import dev.magpie.web.api.ApiException;

/** A payload Magpie cannot turn into profiles or events, naming the offending part as a JSON pointer. */
public class PayloadException extends RuntimeException implements ApiErrorSource {

    private final String pointer;

    public PayloadException(String pointer, String detail) {
        super(detail, null, false, false);
        this.pointer = pointer;
    }

    /** The JSON pointer of the part at fault, such as {@code /data/attributes/metric}. */
    public String pointer() {
        return pointer;
    }

    /** The 400 to answer a caller with. */
    @Override
    public ApiException toApiException() {
        return ApiException.invalidInput(pointer, getMessage());
    }
}
