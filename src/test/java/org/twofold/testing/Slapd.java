package org.twofold.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * A real OpenLDAP slapd on loopback ports (started by {@code bin/slapd-sandbox}, which tells the details), for
 * the GENERIC_LDAP tests: the behaviour the in-memory {@link TestDirectory} only imitates — entryUUID,
 * modifyTimestamp and entryCSN kept by the server, memberOf kept by the memberof overlay (and members removed
 * from groups when deleted), slapd's own size limits and paged results — with plain LDAP that offers StartTLS
 * and LDAPS, from a server certificate for 127.0.0.1 issued by a test CA that clients trust as an operator would
 * trust a company CA. Needs the Debian packages slapd and ldap-utils ({@code bin/install-test-packages}).
 */
public final class Slapd implements AutoCloseable {

    // Maven runs the tests in the project directory
    private static final Path SCRIPT = Path.of("bin", "slapd-sandbox").toAbsolutePath();
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final String rootDn;
    private final String rootPassword;
    private final String caCertificatePem;

    private Slapd(Path dir, int port, int tlsPort, String rootDn, String rootPassword, String caCertificatePem) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.rootDn = rootDn;
        this.rootPassword = rootPassword;
        this.caCertificatePem = caCertificatePem;
    }

    /** Starts an empty directory holding just the base entry {@code suffix}, which must start with {@code dc=}. */
    public static Slapd start(String suffix) {
        try {
            Files.createDirectories(TARGET);
            Path dir = Files.createTempDirectory(TARGET, "slapd-");
            int port = Fixtures.unusedPort();
            int tlsPort = Fixtures.unusedPort();
            String rootPassword = "slapd-" + UUID.randomUUID();
            sandbox("start", dir.toString(), String.valueOf(port), String.valueOf(tlsPort), suffix, rootPassword);
            return new Slapd(dir, port, tlsPort, "cn=admin," + suffix, rootPassword,
                    Files.readString(dir.resolve("ca.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sandbox(String... arguments) throws IOException {
        Process process = new ProcessBuilder(Stream.concat(Stream.of(SCRIPT.toString()), Stream.of(arguments)).toList())
                .redirectErrorStream(true)
                .start();
        // slapd itself logs to a file, so the output ends when the script does
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                // arguments[1] is the directory, with slapd's config and log kept for a look
                throw new IllegalStateException(
                        "bin/slapd-sandbox " + arguments[0] + " " + arguments[1] + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for bin/slapd-sandbox", e);
        }
    }

    public String ldapUrl() {
        return "ldap://127.0.0.1:" + port;
    }

    public String ldapsUrl() {
        return "ldaps://127.0.0.1:" + tlsPort;
    }

    /** {@code cn=admin,<suffix>}: may do anything, and no size or time limit applies to it. */
    public String rootDn() {
        return rootDn;
    }

    /** Different for every start. */
    public String rootPassword() {
        return rootPassword;
    }

    /** The test CA that issued the server certificate (for 127.0.0.1 and localhost), PEM. */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /** A new plain LDAP connection bound as the root DN, for tests that add, change and remove entries. */
    public LDAPConnection connection() {
        try {
            return new LDAPConnection("127.0.0.1", port, rootDn, rootPassword);
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot bind to slapd at " + ldapUrl(), e);
        }
    }

    @Override
    public void close() {
        try {
            sandbox("stop", dir.toString());
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
