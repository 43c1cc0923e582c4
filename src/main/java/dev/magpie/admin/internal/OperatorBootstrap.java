package dev.magpie.admin.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Creates the first operator when there is none, so that a fresh installation can be administered. Once
 * any operator exists it does nothing: the configured password is not forced back on every start.
 */
@Component
class OperatorBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private static final SecureRandom random = new SecureRandom();

    private final AdminProperties properties;

    private final OperatorRepository operators;

    private final PasswordEncoder passwordEncoder;

    private final TransactionTemplate transactions;

    private final Clock clock;

    OperatorBootstrap(AdminProperties properties, OperatorRepository operators, PasswordEncoder passwordEncoder,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.properties = properties;
        this.operators = operators;
        this.passwordEncoder = passwordEncoder;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (operators.count() > 0) {
            return;
        }
        boolean generated = !StringUtils.hasText(properties.password());
        String password = generated ? generatePassword() : properties.password();
        try {
            transactions.executeWithoutResult(status -> operators.saveAndFlush(
                    new Operator(properties.username(), passwordEncoder.encode(password), clock.instant())));
        }
        catch (DataIntegrityViolationException createdByAnotherInstance) {
            // Several instances starting together on an empty database: the unique username lets one win.
            return;
        }
        if (generated) {
            // Printed once, like the demo owner's: there is no other way to learn it.
            log.info("Operator \"{}\" created. Sign in at /admin with password {} (generated; set "
                    + "magpie.admin.password to choose it)", properties.username(), password);
        }
        else {
            log.info("Operator \"{}\" created with the password from magpie.admin.password. Sign in at /admin",
                    properties.username());
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
