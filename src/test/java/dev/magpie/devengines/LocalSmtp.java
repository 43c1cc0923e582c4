package dev.magpie.devengines;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * SMTP for the tests and the local run: the configured {@code spring.mail.host}, else a GreenMail server in this
 * JVM that accepts mail for any recipient and keeps it in memory (on port 3025 when free).
 *
 * <p>Tests read what was sent through {@link #greenMail()} or {@link #inbox()}; the local run shows the
 * {@link #inbox()} at {@code /admin/inbox}.
 */
public final class LocalSmtp implements DevEngine {

    /** GreenMail's customary SMTP port, used when free so a mail client can be pointed at it. */
    static final int PREFERRED_PORT = 3025;

    private static GreenMail embedded;

    private static CapturedMailbox inbox;

    @Override
    public String name() {
        return "SMTP";
    }

    @Override
    public Map<String, Object> resolve(ConfigurableEnvironment environment, String schema) {
        if (environment.containsProperty("spring.mail.host")) {
            return Map.of();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.mail.host", LocalPorts.LOOPBACK);
        properties.put("spring.mail.port", startEmbedded());
        return properties;
    }

    /** The GreenMail server this JVM started, if it started one. */
    public static synchronized Optional<GreenMail> greenMail() {
        return Optional.ofNullable(embedded);
    }

    /** Every message GreenMail received, once each however many recipients it had, if GreenMail runs here. */
    public static synchronized Optional<CapturedMailbox> inbox() {
        return Optional.ofNullable(inbox);
    }

    /** Starts GreenMail once per JVM and returns its SMTP port. */
    static synchronized int startEmbedded() {
        if (embedded == null) {
            ServerSetup smtp = new ServerSetup(LocalPorts.freeOr(PREFERRED_PORT), LocalPorts.LOOPBACK,
                    ServerSetup.PROTOCOL_SMTP);
            // GreenMail's two seconds are too few on a busy two-core CI machine
            smtp.setServerStartupTimeout(Duration.ofSeconds(30).toMillis());
            GreenMail greenMail = new GreenMail(smtp);
            greenMail.start();
            inbox = CapturedMailbox.listenTo(greenMail);
            Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-shutdown"));
            embedded = greenMail;
        }
        return embedded.getSmtp().getPort();
    }
}
