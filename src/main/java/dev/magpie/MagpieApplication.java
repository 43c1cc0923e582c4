package dev.magpie;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Magpie: email and SMS marketing for online stores, as one deployable. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MagpieApplication {

    private static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its stream provider up through a ServiceLoader, scanning the jars, for every MIME
        // part it builds or writes (jakartaee/mail-api#861): a sixth of the CPU of sending a campaign. Named, it is
        // loaded by name instead. Set here, before any message is built, in the application and its tests alike.
        if (System.getProperty(MAIL_STREAM_PROVIDER) == null) {
            System.setProperty(MAIL_STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(MagpieApplication.class, args);
    }
}
