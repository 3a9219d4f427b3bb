package org.twofold.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.twofold.testing.LaunchedAppliance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package (target/twofold_&lt;version&gt;_all.deb), its systemd unit and appliance/install, as an
 * administrator installing Twofold on Debian 12 meets them. As root (CI runs as root) it installs the real
 * package with dpkg, starts the installed appliance as the system user twofold exactly as the unit says, and
 * purges the package again; that part is skipped, with its reason, only when not root outside CI.
 *
 * Runs once per build, in the failsafe execution "it-package" (not once per database).
 */
class DebianPackageIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String VERSION = required("twofold.test.version");
    /** jdeb's Debian version: a SNAPSHOT sorts before its release. */
    private static final String DEB_VERSION = VERSION.replace("-SNAPSHOT", "~SNAPSHOT");
    private static final Path DEB = Path.of(required("twofold.test.target"), "twofold_" + DEB_VERSION + "_all.deb");
    private static final Path UNIT = Path.of("/lib/systemd/system/twofold.service");

    @Test
    void packageNamesItselfItsVersionAndAJava17Runtime() {
        assertTrue(Files.isRegularFile(DEB), DEB + " was not built by mvn package");
        assertEquals("twofold", field("Package"));
        assertEquals(DEB_VERSION, field("Version"));
        assertEquals("all", field("Architecture"));
        assertTrue(field("Depends").contains("openjdk-17-jre-headless | java17-runtime-headless"), field("Depends"));
        assertFalse(field("Maintainer").isBlank());
        assertTrue(field("Description").startsWith("On-premise two-factor authentication appliance"), field("Description"));
    }

    @Test
    void packageHoldsTheApplianceWithItsModesOwnersAndConffile() {
        Map<String, String[]> entries = new LinkedHashMap<>();
        for (String line : run(List.of("dpkg-deb", "-c", DEB.toString()), 60).succeeded().lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            entries.put(columns[5].replaceFirst("^\\.", "").replaceFirst("(.)/$", "$1"), columns);
        }
        assertEntry(entries, "/opt/twofold/bin/launch", "-rwxr-xr-x");
        assertEntry(entries, "/opt/twofold/bin/twofoldctl", "-rwxr-xr-x");
        assertEntry(entries, "/opt/twofold/bin/backup", "-rwxr-xr-x");
        assertEntry(entries, "/opt/twofold/bin/restore", "-rwxr-xr-x");
        assertEntry(entries, "/opt/twofold/bin/settings.sh", "-rw-r--r--");
        assertEntry(entries, "/opt/twofold/bin/logging-json.properties", "-rw-r--r--");
        assertEntry(entries, "/opt/twofold/lib/payara-micro.jar", "-rw-r--r--");
        assertEntry(entries, "/opt/twofold/lib/twofold.war", "-rw-r--r--");
        assertEntry(entries, "/opt/twofold/VERSION", "-rw-r--r--");
        assertEntry(entries, "/opt/twofold/doc/admin-guide.md", "-rw-r--r--");
        assertEntry(entries, "/lib/systemd/system/twofold.service", "-rw-r--r--");
        assertEntry(entries, "/etc/twofold/twofold.properties", "-rw-r-----");
        String[] link = entries.get("/usr/bin/twofoldctl");
        assertTrue(link != null && link[0].startsWith("l") && link[7].equals("/opt/twofold/bin/twofoldctl"),
                "/usr/bin/twofoldctl should link to /opt/twofold/bin/twofoldctl: " + entries.keySet());
        entries.forEach((path, columns) -> assertEquals("root/root", columns[1], path + " should belong to root"));

        assertEquals("/etc/twofold/twofold.properties",
                run(List.of("dpkg-deb", "-I", DEB.toString(), "conffiles"), 30).succeeded().strip());
        String scripts = run(List.of("dpkg-deb", "-I", DEB.toString()), 30).succeeded();
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertTrue(scripts.lines().anyMatch(line -> line.matches(".*\\*\\s+" + script + "\\s+#!/bin/sh")),
                    script + " should be an executable shell script:\n" + scripts);
        }
    }

    @Test
    void serviceUnitIsHardenedAndSystemdAcceptsIt() throws IOException {
        Path unit = PROJECT.resolve("appliance/twofold.service");
        Map<String, List<String>> service = serviceSection(unit);
        assertEquals(List.of("twofold"), service.get("User"));
        assertTrue(service.get("Environment").containsAll(List.of(
                "TWOFOLD_CONFIG=/etc/twofold/twofold.properties", "TWOFOLD_DATA_DIR=/var/lib/twofold")), service.toString());
        assertEquals(List.of("-/etc/twofold/twofold.env"), service.get("EnvironmentFile"));
        assertTrue(service.get("ExecStart").get(0).startsWith(
                "/opt/twofold/bin/launch /opt/twofold/lib/payara-micro.jar /opt/twofold/lib/twofold.war "), service.toString());
        assertTrue(service.get("ExecStart").get(0).endsWith("--rootdir /var/lib/twofold/payara"), service.toString());
        Map<String, String> hardening = Map.ofEntries(
                Map.entry("ProtectSystem", "strict"), Map.entry("ReadWritePaths", "/var/lib/twofold"),
                Map.entry("ProtectHome", "yes"), Map.entry("PrivateTmp", "yes"), Map.entry("NoNewPrivileges", "yes"),
                Map.entry("CapabilityBoundingSet", ""), Map.entry("UMask", "0077"), Map.entry("Restart", "on-failure"),
                Map.entry("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX AF_NETLINK"));
        hardening.forEach((key, value) -> assertEquals(List.of(value), service.get(key), key));

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        // Outside an installation the programs the unit names do not exist yet; everything else must be accepted.
        Result verify = run(List.of("systemd-analyze", "verify", unit.toString()), 60);
        List<String> complaints = verify.output().lines()
                .filter(line -> !line.matches("twofold\\.service: Command /opt/twofold/bin/(launch|twofoldctl) is not executable: No such file or directory"))
                .toList();
        assertEquals(List.of(), complaints, "systemd-analyze verify: " + verify.output());
    }

    @Test
    void installScriptLaysOutTheApplianceAndKeepsEditedSettingsWhenRunAgain(@TempDir Path root) throws IOException {
        List<String> install = List.of(PROJECT.resolve("appliance/install").toString(), "--root", root.toString());
        assertTrue(run(install, 120).succeeded().contains("Wrote " + root + "/etc/twofold/twofold.properties"));

        assertMode(root.resolve("opt/twofold/bin/launch"), "rwxr-xr-x");
        assertMode(root.resolve("opt/twofold/bin/twofoldctl"), "rwxr-xr-x");
        assertMode(root.resolve("opt/twofold/lib/payara-micro.jar"), "rw-r--r--");
        assertMode(root.resolve("opt/twofold/lib/twofold.war"), "rw-r--r--");
        assertMode(root.resolve("lib/systemd/system/twofold.service"), "rw-r--r--");
        assertMode(root.resolve("etc/twofold/twofold.properties"), "rw-r-----");
        assertMode(root.resolve("var/lib/twofold"), "rwx------");
        assertEquals(VERSION, Files.readString(root.resolve("opt/twofold/VERSION")).strip());
        assertEquals(Path.of("/opt/twofold/bin/twofoldctl"), Files.readSymbolicLink(root.resolve("usr/bin/twofoldctl")));
        assertEquals(Files.readString(PROJECT.resolve("appliance/twofold.service")),
                Files.readString(root.resolve("lib/systemd/system/twofold.service")));
        assertEquals(Files.size(PROJECT.resolve("target/twofold.war")), Files.size(root.resolve("opt/twofold/lib/twofold.war")));

        Path settings = root.resolve("etc/twofold/twofold.properties");
        Files.writeString(settings, "twofold.mail.host=mail.example.com\n", StandardOpenOption.APPEND);
        String edited = Files.readString(settings);
        assertTrue(run(install, 120).succeeded().contains("Kept " + settings));
        assertEquals(edited, Files.readString(settings), "a second install must keep the edited settings");
        assertMode(root.resolve("var/lib/twofold"), "rwx------");
        assertMode(root.resolve("opt/twofold/bin/twofoldctl"), "rwxr-xr-x");

        // the installed twofoldctl reads the installed VERSION and names only commands that exist
        Map<String, String> env = Map.of("TWOFOLDCTL_PREFIX", root.resolve("opt/twofold").toString());
        assertEquals(VERSION, run(List.of(root.resolve("opt/twofold/bin/twofoldctl").toString(), "version"), env, 30).succeeded().strip());
        String help = run(List.of(root.resolve("opt/twofold/bin/twofoldctl").toString(), "help"), env, 30).succeeded();
        for (String command : List.of("start", "stop", "status", "logs", "health", "backup", "restore", "upgrade",
                "reset-admin-password", "version", "help")) {
            assertTrue(help.lines().anyMatch(line -> line.startsWith("  " + command)), command + " missing from:\n" + help);
        }
    }

    @Test
    void dpkgInstallsAnApplianceThatStartsAsTwofoldAndPurgeRemovesEverything() throws Exception {
        String uid = run(List.of("id", "-u"), 10).succeeded().strip();
        if (!uid.equals("0")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must run the integration tests as root: this test installs the Debian package with dpkg");
            }
            Assumptions.abort("Not root: installing the Debian package with dpkg and starting it as user twofold "
                    + "needs root (CI runs it as root)");
        }
        Result namespaces = run(List.of("unshare", "--mount", "--propagation", "private", "true"), 30);
        sandboxAvailable = namespaces.exit() == 0;
        if (!sandboxAvailable) {
            // a container without CAP_SYS_ADMIN: the rest of the installation is still tested, outside the sandbox
            System.err.println("DebianPackageIT: no mount namespace here (" + namespaces.output().strip() + "); the appliance"
                    + " starts as user twofold WITHOUT the imitation of the unit's ProtectSystem=strict sandbox");
        }
        // two builds on one machine take turns; an administrator's own installation is never touched
        try (FileChannel channel = FileChannel.open(Path.of("/tmp/twofold-debian-package-it.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertFalse(packageInstalled(), "Refusing to run: package twofold is installed on this machine, and this test purges it");
            assertFalse(userExists("twofold"), "Refusing to run: user twofold exists on this machine, and purging the package removes it");
            for (String path : List.of("/var/lib/twofold", "/etc/twofold", "/opt/twofold", UNIT.toString())) {
                assertFalse(Files.exists(Path.of(path)), "Refusing to run: " + path + " exists (Twofold is installed on this machine)");
            }
            Process appliance = null;
            try {
                install();
                appliance = start("appliance.log");
                String password = assertFirstStartWroteItsData();
                backupThroughTwofoldctl();
                resetAdminPasswordThroughTwofoldctl(password);
                upgradeThroughTwofoldctl();
                stop(appliance);
                reinstallKeepsTheSettings();
                appliance = start("appliance-restarted.log");
                assertEquals(password, Files.readString(Path.of("/var/lib/twofold/initial-admin-password")),
                        "a restart must keep the first admin password");
                stop(appliance);
                purgeAndAssertGone();
                installScriptInstallsIntoTheSystem();
            } finally {
                if (appliance != null && appliance.isAlive()) {
                    appliance.destroyForcibly();
                }
                killLeftoverProcessesOfTwofold();
                if (packageInstalled()) {
                    run(List.of("dpkg", "--purge", "twofold"), 120);
                }
                removeScriptInstallation();
                // the JVM's performance data of the user this test created (systemd's PrivateTmp would hide it)
                run(List.of("rm", "-rf", "/tmp/hsperfdata_twofold"), 30);
            }
        }
    }

    private int port;
    private int tlsPort;
    private static boolean sandboxAvailable;

    private void install() throws IOException {
        String installed = run(List.of("dpkg", "-i", DEB.toString()), Map.of("DEBIAN_FRONTEND", "noninteractive"), 300).succeeded();
        assertTrue(packageInstalled(), installed);
        String passwd = run(List.of("getent", "passwd", "twofold"), 10).succeeded().strip();
        assertTrue(passwd.endsWith(":/var/lib/twofold:/usr/sbin/nologin"), passwd);
        assertTrue(Integer.parseInt(passwd.split(":")[2]) < 1000, "twofold should be a system user: " + passwd);
        assertOwnerAndMode(Path.of("/var/lib/twofold"), "twofold", "twofold", "rwx------");
        assertOwnerAndMode(Path.of("/etc/twofold/twofold.properties"), "root", "twofold", "rw-r-----");
        assertOwnerAndMode(Path.of("/opt/twofold/bin/launch"), "root", "root", "rwxr-xr-x");
        assertOwnerAndMode(Path.of("/opt/twofold/bin/twofoldctl"), "root", "root", "rwxr-xr-x");
        assertOwnerAndMode(UNIT, "root", "root", "rw-r--r--");
        assertEquals(VERSION, run(List.of("twofoldctl", "version"), 30).succeeded().strip());

        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            Result verify = run(List.of("systemd-analyze", "verify", UNIT.toString()), 60);
            assertEquals("", verify.output().strip(), "systemd-analyze verify of the installed unit");
            assertEquals(0, verify.exit(), verify.output());
        }
        if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
            Result status = run(List.of("twofoldctl", "status"), 30);
            assertEquals(69, status.exit(), status.output());
            assertTrue(status.output().contains("systemd is not running"), status.output());
        }

        // what an administrator puts in the environment file: another port, a smaller heap
        port = freePort();
        tlsPort = freePort();
        Files.writeString(Path.of("/etc/twofold/twofold.env"), "TWOFOLD_HTTP_PORT=" + port + "\nTWOFOLD_TLS_PORT=" + tlsPort
                + "\nJAVA_OPTS=-Xmx768m\n");
        ServiceCommand unit = ServiceCommand.of(UNIT);
        if (!sandboxAvailable) {
            return;
        }
        // the sandbox holds: even root writes only /var/lib/twofold and its private /tmp there
        Result probe = run(unit.sandboxed(List.of("sh", "-c",
                "touch /var/lib/twofold/probe /tmp/probe && rm /var/lib/twofold/probe && touch /etc/twofold/probe")), 30);
        assertTrue(probe.exit() != 0 && probe.output().contains("/etc/twofold/probe") && probe.output().contains("Read-only file system"),
                "the sandbox should let nothing but /var/lib/twofold and /tmp be written: " + probe.output());
        assertFalse(Files.exists(Path.of("/etc/twofold/probe")));
        assertFalse(Files.exists(Path.of("/var/lib/twofold/probe")));
    }

    /** As systemctl start would: ExecStartPre, ExecStart, and ExecStartPost, which waits until ready. */
    private Process start(String logName) throws IOException {
        ServiceCommand unit = ServiceCommand.of(UNIT);
        Result pre = run(unit.asServiceUser(unit.execStartPre()), 60);
        assertEquals(0, pre.exit(), "ExecStartPre: " + pre.output());
        assertFalse(Files.exists(Path.of("/var/lib/twofold/payara")), "ExecStartPre should empty Payara Micro's root directory");

        Path log = PROJECT.resolve("target/it-package/" + logName);
        Files.createDirectories(log.getParent());
        Process appliance = new ProcessBuilder(unit.asServiceUser(unit.execStart()))
                .directory(unit.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // the unit's ExecStartPost: twofoldctl health --wait, which makes "started" mean "ready"
        Result post = runWhile(appliance, unit.asServiceUser(unit.execStartPost()), 200, log);
        assertEquals(0, post.exit(), "ExecStartPost (" + post.output() + "):\n" + tail(log));
        assertTrue(post.output().startsWith("HTTP 200"), post.output());

        assertEquals(200, status("http://127.0.0.1:" + port + "/health/ready"));
        String health = run(List.of("twofoldctl", "health"), 30).succeeded();
        assertTrue(health.startsWith("HTTP 200") && health.contains("UP"), health);
        return appliance;
    }

    /** Returns the first admin password. */
    private String assertFirstStartWroteItsData() throws IOException {
        Path data = Path.of("/var/lib/twofold");
        assertOwnerAndMode(data.resolve("twofold.mv.db"), "twofold", "twofold", "rw-------");
        assertOwnerAndMode(data.resolve("initial-admin-password"), "twofold", "twofold", "rw-------");
        assertFalse(Files.readString(data.resolve("initial-admin-password")).isBlank());
        assertOwnerAndMode(data.resolve("pepper"), "twofold", "twofold", "rw-------");
        assertEquals("twofold", owner(data.resolve("payara")), "Payara Micro's root directory");
        try (Stream<Path> unpacked = Files.list(data.resolve("payara"))) {
            assertTrue(unpacked.findAny().isPresent(), "Payara Micro unpacked nothing into --rootdir");
        }
        try (Stream<Path> program = Files.walk(Path.of("/opt/twofold"))) {
            List<Path> written = program.filter(path -> !owner(path).equals("root")).toList();
            assertEquals(List.of(), written, "the appliance must not write below /opt/twofold");
        }
        assertOwnerAndMode(data.resolve("tls/self-signed.p12"), "twofold", "twofold", "rw-------");
        assertEquals(200, LaunchedAppliance.get(URI.create("https://127.0.0.1:" + tlsPort + "/health/ready")).status(),
                "HTTPS with the self-signed certificate");
        return Files.readString(data.resolve("initial-admin-password"));
    }

    /** twofoldctl backup as root, with the service's settings: one archive with the database and the pepper. */
    /** The administrator locked out: root gives operator admin a new password, and only that one works. */
    private void resetAdminPasswordThroughTwofoldctl(String initialPassword) throws IOException {
        String output = run(List.of("twofoldctl", "reset-admin-password"), 60).succeeded();
        assertTrue(output.startsWith("New password of operator admin (shown once): "), output);
        String newPassword = output.substring(output.indexOf(": ") + 2).strip();
        assertEquals(200, adminApiStatus("admin", newPassword));
        assertEquals(401, adminApiStatus("admin", initialPassword.strip()));
    }

    private int adminApiStatus(String operator, String password) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/v1/admin/operators")
                .toURL().openConnection();
        connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((operator + ":" + password).getBytes(StandardCharsets.UTF_8)));
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /** twofoldctl upgrade while the appliance runs: a backup first, then dpkg -i. */
    private void upgradeThroughTwofoldctl() throws IOException {
        String output = run(List.of("twofoldctl", "upgrade", DEB.toString()), 300).succeeded();
        assertTrue(output.contains("Backup written to /var/backups/twofold/twofold-backup-"), output);
        assertTrue(packageInstalled(), output);
        run(List.of("rm", "-rf", "/var/backups/twofold"), 30);
    }

    private void backupThroughTwofoldctl() throws IOException {
        Path archive = PROJECT.resolve("target/it-package/twofold-backup.tar.gz");
        Files.deleteIfExists(archive);
        String output = run(List.of("twofoldctl", "backup", archive.toString()), 120).succeeded();
        assertTrue(output.contains("Backup written to " + archive), output);
        String entries = run(List.of("tar", "-tzf", archive.toString()), 30).succeeded();
        assertTrue(entries.contains("./database/h2.zip") && entries.contains("./secrets/pepper")
                && entries.contains("./config/twofold.properties"), entries);
    }

    /** dpkg -i again, as an upgrade does: the administrator's edited settings stay, and stay readable. */
    private void reinstallKeepsTheSettings() throws IOException {
        Path settings = Path.of("/etc/twofold/twofold.properties");
        Files.writeString(settings, "twofold.dashboard.count-limit=5000\n", StandardOpenOption.APPEND);
        String edited = Files.readString(settings);
        run(List.of("dpkg", "-i", DEB.toString()), Map.of("DEBIAN_FRONTEND", "noninteractive"), 300).succeeded();
        assertEquals(edited, Files.readString(settings), "dpkg -i again must keep the edited settings");
        assertOwnerAndMode(settings, "root", "twofold", "rw-r-----");
        assertOwnerAndMode(Path.of("/var/lib/twofold"), "twofold", "twofold", "rwx------");
    }

    private void stop(Process appliance) throws InterruptedException, IOException {
        appliance.destroy(); // SIGTERM, as systemctl stop sends
        assertTrue(appliance.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the appliance did not stop within 60 s");
        Result health = run(List.of("twofoldctl", "health"), 30);
        assertEquals(1, health.exit(), health.output());
        assertTrue(health.output().contains("nothing answers"), health.output());
    }

    private void purgeAndAssertGone() throws IOException {
        String purged = run(List.of("dpkg", "--purge", "twofold"), Map.of("DEBIAN_FRONTEND", "noninteractive"), 120).succeeded();
        assertTrue(purged.contains("Removing the Twofold data directory /var/lib/twofold"), purged);
        assertFalse(packageInstalled(), purged);
        for (String gone : List.of("/opt/twofold", "/var/lib/twofold", "/etc/twofold", UNIT.toString(), "/usr/bin/twofoldctl")) {
            assertFalse(Files.exists(Path.of(gone), LinkOption.NOFOLLOW_LINKS), gone + " is left after dpkg --purge");
        }
        assertFalse(userExists("twofold"), "user twofold is left after dpkg --purge");
        assertEquals(2, run(List.of("getent", "group", "twofold"), 10).exit(), "group twofold is left after dpkg --purge");
    }

    /** appliance/install without --root, as root: the same layout as the package, with the user and owners. */
    private void installScriptInstallsIntoTheSystem() throws IOException {
        try {
            String output = run(List.of(PROJECT.resolve("appliance/install").toString()), 120).succeeded();
            assertTrue(output.contains("Created the system user twofold"), output);
            String passwd = run(List.of("getent", "passwd", "twofold"), 10).succeeded().strip();
            assertTrue(passwd.endsWith(":/var/lib/twofold:/usr/sbin/nologin"), passwd);
            assertOwnerAndMode(Path.of("/var/lib/twofold"), "twofold", "twofold", "rwx------");
            assertOwnerAndMode(Path.of("/etc/twofold/twofold.properties"), "root", "twofold", "rw-r-----");
            assertOwnerAndMode(Path.of("/opt/twofold/bin/twofoldctl"), "root", "root", "rwxr-xr-x");
            assertOwnerAndMode(UNIT, "root", "root", "rw-r--r--");
            assertEquals(VERSION, run(List.of("twofoldctl", "version"), 30).succeeded().strip());
            String again = run(List.of(PROJECT.resolve("appliance/install").toString()), 120).succeeded();
            assertTrue(again.contains("Kept /etc/twofold/twofold.properties") && !again.contains("Created the system user"), again);
        } finally {
            removeScriptInstallation();
        }
    }

    /** What appliance/install lays out; called only once this test has made sure none of it existed before. */
    private static void removeScriptInstallation() {
        run(List.of("rm", "-rf", "/opt/twofold", "/etc/twofold", "/var/lib/twofold", UNIT.toString(), "/usr/bin/twofoldctl"), 60);
        if (!packageInstalled() && userExists("twofold")) {
            run(List.of("userdel", "twofold"), 30);
        }
        if (!packageInstalled() && run(List.of("getent", "group", "twofold"), 10).exit() == 0) {
            run(List.of("groupdel", "twofold"), 30);
        }
    }

    /** The [Service] section's commands and environment, run the way systemd would. */
    record ServiceCommand(Map<String, List<String>> service, Map<String, String> environment) {

        static ServiceCommand of(Path unit) throws IOException {
            Map<String, List<String>> service = serviceSection(unit);
            Map<String, String> environment = new LinkedHashMap<>();
            String user = service.get("User").get(0);
            String[] passwd = run(List.of("getent", "passwd", user), 10).succeeded().strip().split(":");
            environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            environment.put("HOME", passwd[5]);
            environment.put("USER", user);
            environment.put("LOGNAME", user);
            environment.put("SHELL", passwd[6]);
            for (String assignment : service.get("Environment")) {
                environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
            for (String file : service.getOrDefault("EnvironmentFile", List.of())) {
                Path path = Path.of(file.replaceFirst("^-", ""));
                if (!Files.exists(path) && file.startsWith("-")) {
                    continue;
                }
                for (String line : Files.readAllLines(path)) {
                    if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                        environment.put(line.substring(0, line.indexOf('=')).strip(),
                                line.substring(line.indexOf('=') + 1).strip().replaceAll("^\"|\"$", ""));
                    }
                }
            }
            return new ServiceCommand(service, environment);
        }

        List<String> execStartPre() { return command("ExecStartPre"); }
        List<String> execStart() { return command("ExecStart"); }
        List<String> execStartPost() { return command("ExecStartPost"); }

        Path workingDirectory() {
            return Path.of(service.get("WorkingDirectory").get(0));
        }

        private List<String> command(String key) {
            List<String> values = service.get(key);
            assertEquals(1, values.size(), key + " should be one command");
            List<String> words = new ArrayList<>();
            for (String word : values.get(0).trim().split("\\s+")) {
                String name = word.replaceAll("^\\$\\{(.*)}$", "$1").replaceAll("^\\$(\\w+)$", "$1");
                words.add(name.equals(word) ? word : environment.getOrDefault(name, ""));
            }
            return words;
        }

        /** As User= with the unit's UMask and only the unit's environment, in {@link #sandboxed}. */
        List<String> asServiceUser(List<String> command) {
            List<String> full = new ArrayList<>(List.of("runuser", "-u", service.get("User").get(0), "--",
                    "sh", "-c", "umask " + service.get("UMask").get(0) + " && exec \"$@\"", "sh", "env", "-i"));
            environment.forEach((name, value) -> full.add(name + "=" + value));
            full.addAll(command);
            return sandboxed(full);
        }

        /**
         * In a mount namespace shaped like the unit's ProtectSystem=strict (every file system read-only but
         * /proc, /sys, /dev), ReadWritePaths, PrivateTmp (empty /tmp and /var/tmp of its own) and ProtectHome:
         * what systemd would give the service, without systemd.
         */
        List<String> sandboxed(List<String> command) {
            if (!sandboxAvailable) {
                return command;
            }
            assertEquals(List.of("strict"), service.get("ProtectSystem"));
            assertEquals(List.of("yes"), service.get("PrivateTmp"));
            assertEquals(List.of("yes"), service.get("ProtectHome"));
            List<String> writable = service.get("ReadWritePaths");
            String script = String.join("\n",
                    "set -e",
                    "for path in \"$WRITABLE\"; do mount --bind \"$path\" \"$path\"; done",
                    "for mount in $(awk '{print $5}' /proc/self/mountinfo | sort -u); do",
                    "  case \"$mount\" in",
                    "    /proc|/proc/*|/sys|/sys/*|/dev|/dev/*|\"$WRITABLE\") ;;",
                    "    /) mount -o remount,bind,ro / ;;",
                    "    *) mount -o remount,bind,ro \"$mount\" 2>/dev/null || echo \"sandbox: $mount stays writable\" >&2 ;;",
                    "  esac",
                    "done",
                    "mount -t tmpfs -o mode=1777 private-tmp /tmp",
                    "mount -t tmpfs -o mode=1777 private-tmp /var/tmp",
                    "for home in /home /root /run/user; do [ ! -d \"$home\" ] || mount -t tmpfs -o ro,mode=0755 protect-home \"$home\"; done",
                    "exec \"$@\"");
            assertEquals(1, writable.size(), "one ReadWritePaths: " + writable);
            List<String> full = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                    "env", "WRITABLE=" + writable.get(0), "sh", "-c", script, "sandbox"));
            full.addAll(command);
            return full;
        }
    }

    private static Map<String, List<String>> serviceSection(Path unit) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        boolean inService = false;
        for (String line : Files.readAllLines(unit)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                inService = trimmed.equals("[Service]");
            } else if (inService && !trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                settings.computeIfAbsent(trimmed.substring(0, equals), key -> new ArrayList<>()).add(trimmed.substring(equals + 1));
            }
        }
        return settings;
    }

    private static void killLeftoverProcessesOfTwofold() {
        if (!userExists("twofold")) {
            return;
        }
        Result pids = run(List.of("pgrep", "-u", "twofold"), 10);
        for (String pid : pids.output().lines().map(String::strip).filter(line -> line.matches("\\d+")).toList()) {
            run(List.of("kill", "-KILL", pid), 10);
        }
    }

    private static String field(String name) {
        return run(List.of("dpkg-deb", "-f", DEB.toString(), name), 30).succeeded().strip();
    }

    private static void assertEntry(Map<String, String[]> entries, String path, String mode) {
        String[] entry = entries.get(path);
        assertTrue(entry != null, path + " is not in the package: " + entries.keySet());
        assertEquals(mode, entry[0], path);
    }

    private static void assertMode(Path path, String mode) throws IOException {
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)), path.toString());
    }

    private static void assertOwnerAndMode(Path path, String owner, String group, String mode) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertEquals(owner + ":" + group + " " + mode,
                attributes.owner().getName() + ":" + attributes.group().getName() + " " + PosixFilePermissions.toString(attributes.permissions()),
                path.toString());
    }

    private static String owner(Path path) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean packageInstalled() {
        Result status = run(List.of("dpkg-query", "-W", "-f=${Status}", "twofold"), 30);
        return status.exit() == 0 && status.output().contains("installed") && !status.output().contains("not-installed");
    }

    private static boolean userExists(String user) {
        return run(List.of("getent", "passwd", user), 10).exit() == 0;
    }

    private static int status(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(10000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    record Result(List<String> command, int exit, String output) {
        String succeeded() {
            assertEquals(0, exit, String.join(" ", command) + " failed:\n" + output);
            return output;
        }
    }

    /** As systemd does, a start whose main process dies fails at once rather than after ExecStartPost's wait. */
    private static Result runWhile(Process appliance, List<String> command, long timeoutSeconds, Path log) {
        try {
            Path output = Files.createTempFile("twofold-package-it", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
                while (!process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (!appliance.isAlive() || System.nanoTime() > deadline) {
                        process.destroyForcibly().waitFor();
                        fail((appliance.isAlive() ? "not ready within " + timeoutSeconds + " s" : "the appliance exited with " + appliance.exitValue())
                                + ":\n" + tail(log));
                    }
                }
                assertTrue(appliance.isAlive(), "the appliance exited: " + tail(log));
                return new Result(command, process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Result run(List<String> command, long timeoutSeconds) {
        return run(command, Map.of(), timeoutSeconds);
    }

    private static Result run(List<String> command, Map<String, String> environment, long timeoutSeconds) {
        try {
            Path output = Files.createTempFile("twofold-package-it", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n" + Files.readString(output));
                }
                return new Result(command, process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run with 'mvn verify'");
        }
        return value;
    }
}
