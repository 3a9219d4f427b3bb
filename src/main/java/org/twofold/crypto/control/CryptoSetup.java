package org.twofold.crypto.control;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.platform.control.DataDirectory;

/** Makes the pepper-bound hasher and the code generator injectable. */
@ApplicationScoped
public class CryptoSetup {

    private final SecureRandom random = new SecureRandom();

    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "twofold.pepper.file")
    Optional<String> pepperFile;

    @Produces
    @Singleton
    SecretHasher secretHasher() {
        Path file = pepperFile.map(Path::of).orElseGet(() -> dataDirectory.resolve("pepper"));
        return new SecretHasher(Pepper.loadOrCreate(file, random));
    }

    @Produces
    @Singleton
    SecretCodes secretCodes() {
        return new SecretCodes(random);
    }
}
