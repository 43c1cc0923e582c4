package dev.magpie.devengines;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.magpie.engines.MailCapture;

/**
 * Offers the mail that the in-JVM GreenMail caught as a {@link MailCapture}, which the dev inbox shows. Only when
 * {@link LocalSmtp} started GreenMail in this JVM and the application sends to it: a configured mail server gets no
 * inbox.
 */
@AutoConfiguration
public class GreenMailCaptureAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @Conditional(GreenMailRunsHere.class)
    MailCapture greenMailCapture() {
        return LocalSmtp.inbox().orElseThrow();
    }

    static class GreenMailRunsHere implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            // GreenMail may run in this JVM while this context was pointed at another mail server
            return LocalSmtp.greenMail()
                .map(greenMail -> String.valueOf(greenMail.getSmtp().getPort())
                    .equals(context.getEnvironment().getProperty("spring.mail.port")))
                .orElse(false);
        }
    }
}
