package org.twofold.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A synthetic directory on a real OpenLDAP slapd ({@code bin/slapd-sandbox}): N inetOrgPerson users under
 * ou=people, and under ou=groups the groupOfNames {@code cn=2fa} with 90 % of them (every user whose number
 * is not a multiple of 10) and {@code cn=team-1..4} with 25 % each (number mod 4). Members are listed in the
 * groups' {@code member} and, since slapadd runs no overlays, mirrored in the users' {@code memberOf}.
 *
 * <p>Every entry carries an old {@code modifyTimestamp}, one second apart per user over most of a year, as
 * in a directory that has been in use: the generic LDAP cursor of an incremental sync is the newest
 * modifyTimestamp a run saw minus the run's duration and two seconds, so with slapadd's own timestamps (all
 * within the few seconds of the load) every incremental run would re-read the whole directory.
 */
final class BenchDirectory implements AutoCloseable {

    static final String SUFFIX = "dc=bench,dc=test";
    static final String PEOPLE = "ou=people," + SUFFIX;
    static final String GROUPS = "ou=groups," + SUFFIX;
    static final String TWO_FACTOR = "cn=2fa," + GROUPS;
    static final String ROOT_DN = "cn=admin," + SUFFIX;
    static final int TEAMS = 4;
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path slapdSandbox;
    private final Path dir;
    private final String prefix;
    private final int users;
    private final String rootPassword = "bench-" + UUID.randomUUID();
    private int port;
    private boolean started;

    BenchDirectory(Path slapdSandbox, Path dir, String prefix, int users) {
        this.slapdSandbox = slapdSandbox;
        this.dir = dir;
        this.prefix = prefix;
        this.users = users;
    }

    int users() {
        return users;
    }

    /** How many users {@code cn=2fa} holds: the identities a full sync creates. */
    int twoFactorMembers() {
        return users - users / 10;
    }

    String url() {
        return "ldap://127.0.0.1:" + port;
    }

    String rootPassword() {
        return rootPassword;
    }

    String caPem() throws IOException {
        return Files.readString(dir.resolve("slapd/ca.pem"));
    }

    /** SHA-256 of slapd's server certificate (DER), as {@code trust.pinnedSha256} takes it. */
    String serverCertificateSha256() throws IOException, GeneralSecurityException {
        try (var pem = Files.newInputStream(dir.resolve("slapd/tls/server.pem"))) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(pem).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        }
    }

    long slapdPid() {
        try {
            return Long.parseLong(Files.readString(dir.resolve("slapd/slapd.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    String uid(int number) {
        return String.format(Locale.ROOT, "%s%07d", prefix, number);
    }

    String userDn(int number) {
        return "uid=" + uid(number) + "," + PEOPLE;
    }

    static boolean inTwoFactor(int number) {
        return number % 10 != 0;
    }

    /** Writes the LDIF, then starts slapd with it; prints how long each took. */
    void start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ldif = dir.resolve("directory.ldif");
        long t0 = System.nanoTime();
        write(ldif);
        long t1 = System.nanoTime();
        port = freePort();
        run(List.of(slapdSandbox.toString(), "start", dir.resolve("slapd").toString(), Integer.toString(port),
                Integer.toString(freePort()), SUFFIX, rootPassword, ldif.toString()), dir.resolve("slapd-sandbox.out"));
        started = true;
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "directory %s: %d users + %d groups (cn=2fa %d members, cn=team-1..%d %d each):"
                        + " LDIF %.0f MB written in %.1f s, slapadd + slapd start %.1f s (%.0f entries/s), slapd pid %d, %s%n",
                prefix, users, TEAMS + 1, twoFactorMembers(), TEAMS, users / TEAMS, Files.size(ldif) / 1e6,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, users / ((t2 - t1) / 1e9), slapdPid(), url());
    }

    private void write(Path ldif) throws IOException {
        Instant groupsCreated = Instant.now().minus(Duration.ofDays(400));
        long spacing = Math.max(1, Duration.ofDays(335).toSeconds() / users);
        try (BufferedWriter out = Files.newBufferedWriter(ldif, StandardCharsets.UTF_8)) {
            String old = GENERALIZED.format(groupsCreated);
            for (String ou : List.of("people", "groups")) {
                out.write("dn: ou=" + ou + "," + SUFFIX + "\nobjectClass: organizationalUnit\nou: " + ou + "\n");
                stamps(out, old);
            }
            for (int i = 1; i <= users; i++) {
                String uid = uid(i);
                out.write("dn: " + userDn(i) + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: Bench User " + i
                        + "\nsn: User" + i + "\nmail: " + uid + "@bench.test\n");
                out.write(String.format(Locale.ROOT, "telephoneNumber: +41 44 %03d %02d %02d%n", i / 10000 % 1000,
                        i / 100 % 100, i % 100));
                out.write("postalAddress: Bench Street " + i + "$8000 Zurich\n");
                if (inTwoFactor(i)) {
                    out.write("memberOf: " + TWO_FACTOR + "\n");
                }
                out.write("memberOf: cn=team-" + (i % TEAMS + 1) + "," + GROUPS + "\n");
                stamps(out, GENERALIZED.format(groupsCreated.plusSeconds(86_400 + i * spacing)));
            }
            group(out, TWO_FACTOR, old, i -> inTwoFactor(i));
            for (int team = 1; team <= TEAMS; team++) {
                int remainder = team - 1;
                group(out, "cn=team-" + team + "," + GROUPS, old, i -> i % TEAMS == remainder);
            }
        }
    }

    private void group(BufferedWriter out, String dn, String stamp, java.util.function.IntPredicate member) throws IOException {
        out.write("dn: " + dn + "\nobjectClass: groupOfNames\ncn: " + dn.substring(3, dn.indexOf(',')) + "\n");
        for (int i = 1; i <= users; i++) {
            if (member.test(i)) {
                out.write("member: " + userDn(i) + "\n");
            }
        }
        stamps(out, stamp);
    }

    private static void stamps(BufferedWriter out, String stamp) throws IOException {
        out.write("createTimestamp: " + stamp + "\nmodifyTimestamp: " + stamp + "\n\n");
    }

    /**
     * Users of cn=2fa in a fixed random order (seed 42): the benchmark takes distinct slices of it for each
     * round of changes.
     */
    List<Integer> shuffledTwoFactorMembers() {
        List<Integer> members = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            if (inTwoFactor(i)) {
                members.add(i);
            }
        }
        Collections.shuffle(members, new Random(42));
        return members;
    }

    /**
     * Changes over LDAP as the rootdn (so the memberof overlay and lastmod act as for any client): a new mail
     * for each of {@code newMail}, and the users of {@code leaveTwoFactor} deleted from cn=2fa's member in one
     * modify. Returns the seconds ldapmodify took.
     */
    double modify(List<Integer> newMail, List<Integer> leaveTwoFactor, String tag) throws IOException, InterruptedException {
        Path changes = dir.resolve("changes-" + tag + ".ldif");
        try (BufferedWriter out = Files.newBufferedWriter(changes, StandardCharsets.UTF_8)) {
            for (int i : newMail) {
                out.write("dn: " + userDn(i) + "\nchangetype: modify\nreplace: mail\nmail: " + uid(i) + "." + tag
                        + "@bench.test\n\n");
            }
            if (!leaveTwoFactor.isEmpty()) {
                out.write("dn: " + TWO_FACTOR + "\nchangetype: modify\ndelete: member\n");
                for (int i : leaveTwoFactor) {
                    out.write("member: " + userDn(i) + "\n");
                }
                out.write("\n");
            }
        }
        long t0 = System.nanoTime();
        run(List.of("ldapmodify", "-x", "-H", url(), "-D", ROOT_DN, "-w", rootPassword, "-f", changes.toString()),
                dir.resolve("ldapmodify-" + tag + ".out"));
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void close() {
        if (started) {
            try {
                run(List.of(slapdSandbox.toString(), "stop", dir.resolve("slapd").toString()), dir.resolve("slapd-stop.out"));
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("could not stop slapd in " + dir + ": " + e);
            }
            started = false;
        }
    }

    private static void run(List<String> command, Path output) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("SLAPD_SANDBOX_LOGLEVEL", "none");
        builder.environment().put("LDAPNOINIT", "1");
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed (" + status + "): "
                    + Files.readString(output).strip());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
