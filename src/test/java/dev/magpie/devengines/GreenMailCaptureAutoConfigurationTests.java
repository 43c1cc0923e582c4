package dev.magpie.devengines;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import dev.magpie.engines.MailCapture;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev inbox exists exactly when the application sends its mail to the GreenMail of this JVM. */
class GreenMailCaptureAutoConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GreenMailCaptureAutoConfiguration.class));

    @Test
    void offersTheGreenMailInboxWhenTheApplicationSendsThere() {
        Object port = new LocalSmtp().resolve(new MockEnvironment(), "x").get("spring.mail.port");

        contexts.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + port)
            .run(context -> assertThat(context.getBean(MailCapture.class))
                .isSameAs(LocalSmtp.inbox().orElseThrow()));
    }

    @Test
    void offersNoInboxForAnotherMailServer() {
        new LocalSmtp().resolve(new MockEnvironment(), "x");

        contexts.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.port=587")
            .run(context -> assertThat(context).doesNotHaveBean(MailCapture.class));
    }
}
