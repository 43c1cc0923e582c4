package dev.magpie.activity.internal.pages;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import org.springframework.stereotype.Component;

/** How an account wants times and money shown: in its time zone, amounts with their currency. */
@Component
class AccountFormats {

    private final AccountDirectory accounts;

    AccountFormats(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /** The account's time zone, or UTC when it has none. */
    ZoneId zone(String accountId) {
        try {
            return accounts.find(accountId).map(AccountView::timezone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        }
        catch (DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }

    /** The account's currency (ISO 4217), or USD. */
    String currency(String accountId) {
        return accounts.find(accountId).map(AccountView::currency).orElse("USD");
    }

    /** {@code amount} with its currency's symbol and digits, such as $1,234.50 or €12.00. */
    static String money(BigDecimal amount, String currencyCode) {
        if (amount == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        try {
            Currency currency = Currency.getInstance(currencyCode == null ? "USD" : currencyCode);
            format.setCurrency(currency);
            format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
            format.setMaximumFractionDigits(Math.max(2, currency.getDefaultFractionDigits()));
        }
        catch (IllegalArgumentException unknownCurrency) {
            return amount.toPlainString() + " " + currencyCode;
        }
        return format.format(amount);
    }
}
