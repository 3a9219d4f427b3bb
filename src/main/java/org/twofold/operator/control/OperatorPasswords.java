package org.twofold.operator.control;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import org.twofold.platform.control.Refusal;

/** Operator passwords, hashed with PBKDF2-HMAC-SHA-256 at OWASP's iteration count. */
@ApplicationScoped
public class OperatorPasswords {

    static final int MIN_LENGTH = 12;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "600000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public String hash(String password) {
        if (password.length() < MIN_LENGTH) {
            throw Refusal.invalidRequest("An operator password has at least " + MIN_LENGTH + " characters");
        }
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return pbkdf2.verify(password.toCharArray(), hash);
    }
}
