package org.twofold.operator.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.operator.entity.Operator;
import org.twofold.operator.entity.Role;

/**
 * Checks an operator's name and password, for the admin API (HTTP Basic on every call) and the dashboard's
 * sign-in alike. The slow password hash would make every admin API call cost half a second, so a verified
 * (name, password) pair is remembered together with the stored hash it matched: a changed password or a
 * deleted operator is noticed on the very next call, because the operator row itself is read every time.
 * Every slow check — every guess — first passes the {@link SignInThrottle}.
 */
@ApplicationScoped
public class OperatorCredentials {

    private static final int MAX_REMEMBERED = 1000;

    /** Verified against when the name is unknown, so unknown and known names take the same time. */
    private static final String DUMMY_HASH =
            "PBKDF2WithHmacSHA256:600000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec rememberKey;

    @PersistenceContext
    EntityManager em;

    @Inject
    OperatorPasswords passwords;

    @Inject
    SignInThrottle throttle;

    @Inject
    DirectoryOperators directoryOperators;

    public OperatorCredentials() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        rememberKey = new SecretKeySpec(key, "HmacSHA256");
    }

    public sealed interface Check {
    }

    /** {@code directoryConnectionId} is null for a local operator account. */
    public record Valid(String name, Set<Role> roles, String directoryConnectionId) implements Check {

        static Valid local(Operator operator) {
            return new Valid(operator.name(), operator.roles(), null);
        }
    }

    public record Invalid() implements Check {
    }

    /** Too many wrong passwords for this name or from this address lately; the password was not looked at. */
    public record Throttled() implements Check {
    }

    /** Local operator accounts only: what the admin API's Basic credentials are checked against. */
    public Check check(String name, String password, String sourceAddress) {
        return check(name, password, sourceAddress, false);
    }

    /** The dashboard also takes operators from directory groups mapped to roles, when no local account has the name. */
    public Check checkForDashboard(String name, String password, String sourceAddress) {
        return check(name, password, sourceAddress, true);
    }

    private Check check(String name, String password, String sourceAddress, boolean directoryToo) {
        Optional<Operator> operator = find(name);
        String rememberedAs = remembrance(name, password);
        if (operator.isPresent() && operator.get().passwordHash().equals(verified.get(rememberedAs))) {
            return Valid.local(operator.get());
        }
        SignInThrottle.Subjects subjects = SignInThrottle.Subjects.of(name, sourceAddress);
        if (!throttle.admit(subjects)) {
            return new Throttled();
        }
        // the slow hash runs for unknown names too, so the time does not tell which operator accounts exist
        boolean matches = passwords.matches(password, operator.map(Operator::passwordHash).orElse(DUMMY_HASH));
        if (operator.isEmpty() && directoryToo && !localNameIgnoringCase(name)) {
            return fromDirectory(name, password, subjects);
        }
        if (operator.isEmpty() || !matches) {
            throttle.failed(subjects);
            return new Invalid();
        }
        throttle.succeeded(subjects);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(rememberedAs, operator.get().passwordHash());
        return Valid.local(operator.get());
    }

    /**
     * Directory accounts match names in any letter case, so a directory operator is known by the name in
     * lower case: one account is one operator, in four-eyes checks and in the audit trail alike.
     */
    private Check fromDirectory(String name, String password, SignInThrottle.Subjects subjects) {
        String operatorName = name.strip().toLowerCase(Locale.ROOT);
        Optional<DirectoryOperators.DirectoryOperator> signedIn = directoryOperators.signIn(operatorName, password);
        if (signedIn.isEmpty()) {
            throttle.failed(subjects);
            return new Invalid();
        }
        throttle.succeeded(subjects);
        return new Valid(operatorName, signedIn.get().roles(), signedIn.get().connectionId());
    }

    /** A local account wins over a directory one of the same name in any letter case. */
    private boolean localNameIgnoringCase(String name) {
        return em.createQuery("SELECT COUNT(o) FROM Operator o WHERE LOWER(o.name) = :name", Long.class)
                .setParameter("name", name.strip().toLowerCase(Locale.ROOT)).getSingleResult() > 0;
    }

    public Optional<Operator> find(String name) {
        return em.createQuery("SELECT o FROM Operator o WHERE o.name = :name", Operator.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    private String remembrance(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(rememberKey);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
