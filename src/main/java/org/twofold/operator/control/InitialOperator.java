package org.twofold.operator.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.audit.control.AuditTrail;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.DataDirectory;

/**
 * On the very first start there is no operator: create {@code admin} with the configured password, or
 * with a generated one written to {@code <data>/initial-admin-password} (mode 0600).
 */
@ApplicationScoped
public class InitialOperator {

    static final String NAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger LOG = Logger.getLogger(InitialOperator.class.getName());

    @Inject
    Operators operators;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    SecretCodes codes;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "twofold.admin.initial-password")
    Optional<String> configuredPassword;

    @Transactional
    public void ensureExists() {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        if (operators.any()) {
            if (Files.exists(file)) {
                LOG.info(() -> "The first operator 'admin' has its initial password in " + file);
            }
            return;
        }
        String password;
        if (configuredPassword.isPresent()) {
            password = configuredPassword.get();
            LOG.info("Creating the first operator 'admin' with the password from twofold.admin.initial-password");
        } else {
            password = generatedPassword(file);
            LOG.info(() -> "Creating the first operator 'admin'; its password is in " + file
                    + " (readable by the appliance's user only)");
        }
        operators.create(NAME, password, EnumSet.allOf(Role.class));
        audit.system("operator.create", "operator:" + NAME, "first start");
    }

    /** Reuses a password file left by an earlier first start that did not complete. */
    private String generatedPassword(Path file) {
        DataDirectory.writeSecretOnce(file, (codes.groupedCode(100) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
