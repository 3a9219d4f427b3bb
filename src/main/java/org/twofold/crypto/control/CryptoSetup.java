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

/** Makes the pepper-bound hasher and secret box and the code generator injectable. */
@ApplicationScoped
public class CryptoSetup {

    private final SecureRandom random = new SecureRandom();

    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "twofold.pepper.file")
    Optional<String> pepperFile;

    private Pepper pepper;

    @Produces
    @Singleton
    SecretHasher secretHasher() {
        return new SecretHasher(pepper());
    }

    @Produces
    @Singleton
    SecretBox secretBox() {
        return new SecretBox(pepper(), random);
    }

    private synchronized Pepper pepper() {
        if (pepper == null) {
            Path file = pepperFile.map(Path::of).orElseGet(() -> dataDirectory.resolve("pepper"));
            pepper = Pepper.loadOrCreate(file, random);
        }
        return pepper;
    }

    @Produces
    @Singleton
    SecretCodes secretCodes() {
        return new SecretCodes(random);
    }
}
