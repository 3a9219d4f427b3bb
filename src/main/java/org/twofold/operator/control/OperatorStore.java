package org.twofold.operator.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import org.twofold.operator.entity.Operator;
import org.twofold.operator.entity.Role;

/**
 * Checks operator credentials against the operator table for Jakarta Security. The slow password hash
 * would make every admin API call cost half a second, so a verified (name, password) pair is remembered
 * together with the stored hash it matched: a changed password or a deleted operator is noticed on the
 * very next call, because the operator row itself is read every time.
 */
@ApplicationScoped
public class OperatorStore implements IdentityStore {

    private static final int MAX_REMEMBERED = 1000;

    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec rememberKey;

    @PersistenceContext
    EntityManager em;

    @Inject
    OperatorPasswords passwords;

    public OperatorStore() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        rememberKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Groups come with the validation result (default validation types); Jakarta Security maps them to roles. */
    @Override
    public CredentialValidationResult validate(jakarta.security.enterprise.credential.Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<Operator> operator = findByName(login.getCaller());
        String password = login.getPasswordAsString();
        if (operator.isEmpty()) {
            passwords.matches(password, DUMMY_HASH);
            return CredentialValidationResult.INVALID_RESULT;
        }
        String storedHash = operator.get().passwordHash();
        String rememberedAs = remembrance(login.getCaller(), password);
        if (!storedHash.equals(verified.get(rememberedAs))) {
            if (!passwords.matches(password, storedHash)) {
                return CredentialValidationResult.INVALID_RESULT;
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(rememberedAs, storedHash);
        }
        Set<String> groups = operator.get().roles().stream().map(Role::name).collect(Collectors.toSet());
        return new CredentialValidationResult(operator.get().name(), groups);
    }

    private Optional<Operator> findByName(String name) {
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

    /** Verified against when the name is unknown, so unknown and known names take the same time. */
    private static final String DUMMY_HASH =
            "PBKDF2WithHmacSHA256:600000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
}
