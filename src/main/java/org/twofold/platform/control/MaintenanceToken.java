package org.twofold.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The secret that lets the appliance's own tools on this machine ({@code twofoldctl backup}) ask for
 * maintenance work: whoever can read {@code <data dir>/maintenance-token} (the service user and root) can
 * also read the database files, so it grants nothing more. A new one is written at every start.
 */
@ApplicationScoped
public class MaintenanceToken {

    static final String FILE = "maintenance-token";
    public static final String REFUSED_CODE = "maintenance-token-required";
    public static final String REFUSED_TITLE =
            "Only the appliance's own tools on this machine, with its maintenance token, may ask for this";

    @Inject
    DataDirectory dataDirectory;

    private volatile byte[] token;

    public void issue() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path file = dataDirectory.resolve(FILE);
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".maintenance", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, value + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        token = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** A call from this machine that bears the token ({@code Authorization: Bearer <token>}). */
    public boolean admits(String peerAddress, String authorization) {
        byte[] expected = token;
        return expected != null && loopback(peerAddress) && authorization != null && authorization.startsWith("Bearer ")
                && MessageDigest.isEqual(expected,
                        authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
