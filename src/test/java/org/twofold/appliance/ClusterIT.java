package org.twofold.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.LaunchedAppliance;
import org.twofold.testing.Nginx;
import org.twofold.testing.OpenSsl;
import org.twofold.testing.TestDatabase;
import org.twofold.testing.TestMailServer;

/**
 * Issue 9: two appliances on one machine, each its own Payara Micro and data directory, sharing one
 * PostgreSQL database and the pepper, behave as one: a phone listening on node B hears of a login started
 * on node A and of its own unpairing there, and the restore-code limit counts guesses on both nodes. Then
 * the nginx template is put in front of both.
 */
class ClusterIT {

    private static final int FAILURES_PER_LOCK = 5;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void twoNodesOnOnePostgresqlShareLiveEventsAndLimits() throws Exception {
        try (TestDatabase postgres = TestDatabase.start("postgres", dir.resolve("db"));
             TestMailServer mail = TestMailServer.start(ApplianceServer.freePort())) {
            String adminPassword = "admin-" + Fixtures.unique("pw");
            Map<String, String> shared = new HashMap<>(postgres.environment());
            shared.putAll(Map.of("TWOFOLD_PEPPER_FILE", dir.resolve("pepper").toString(), "TWOFOLD_TLS_PORT", "0",
                    "TWOFOLD_ADMIN_INITIAL_PASSWORD", adminPassword, "TWOFOLD_MAIL_HOST", "127.0.0.1",
                    "TWOFOLD_MAIL_PORT", Integer.toString(mail.port()), "TWOFOLD_MAIL_FROM", "twofold@appliance.test",
                    "TWOFOLD_HTTP_TRUSTED_PROXIES", "127.0.0.1"));
            int portA = ApplianceServer.freePort();
            int portB = ApplianceServer.freePort();
            try (LaunchedAppliance nodeA = start(shared, "a", portA); LaunchedAppliance nodeB = start(shared, "b", portB)) {
                Appliance a = new Appliance("http://127.0.0.1:" + portA + "/");
                Appliance b = new Appliance("http://127.0.0.1:" + portB + "/");
                Appliance.Operator adminOnA = a.operator("admin", adminPassword);
                String user = Fixtures.unique("node");
                DeviceSimulator phone = a.newDevice("phone");
                phone.enroll(adminOnA.createIdentity(user, user + "@corp.test").expect(201).json().getString("activationCode"))
                        .expect(201);
                Appliance.RelyingParty vpnOnA = adminOnA.createRelyingParty(Fixtures.unique("vpn"));

                DeviceSimulator phoneOnB = phone.on(b);
                try (DeviceSimulator.EventStream events = phoneOnB.events()) {
                    events.awaitOpen();
                    Fixtures.Login login = Fixtures.startLogin(vpnOnA, user);
                    JsonObject pushed = events.awaitType("AUTH");
                    assertEquals(login.id(), pushed.getString("id"), "the login started on node A reached the stream on node B");
                    assertEquals("APPROVED", phoneOnB.decide(login.id(), "APPROVE", login.displayNumber()).expect(200).json()
                            .getString("status"));
                    assertEquals("APPROVED", Fixtures.loginStatus(vpnOnA, login.id()));
                }

                DeviceSimulator tablet = a.newDevice("tablet");
                tablet.enroll(adminOnA.call("POST", "identities/" + user + "/activation-codes", "{}").expect(201).json()
                        .getString("activationCode")).expect(201);
                try (DeviceSimulator.EventStream tabletOnB = tablet.on(b).events()) {
                    tabletOnB.awaitOpen();
                    phone.unpair(tablet.deviceId()).expect(204);
                    for (int i = 0; i < 100 && !tabletOnB.ended(); i++) {
                        Thread.sleep(100);
                    }
                    assertTrue(tabletOnB.ended(), "unpaired on node A, its stream on node B was closed");
                }

                String code = phone.activateRestore().expect(201).json().getString("code");
                Appliance guesser = a.from(Fixtures.uniqueAddress());
                List<Appliance> nodes = List.of(guesser, b.from(Fixtures.uniqueAddress()));
                for (int i = 0; i < FAILURES_PER_LOCK; i++) {
                    assertProblem(nodes.get(i % 2).newDevice("guess " + i).startRestore(user, wrongCode(code)), 400,
                            "invalid-restore-credentials");
                }
                assertProblem(b.from(Fixtures.uniqueAddress()).newDevice("owner").startRestore(user, code), 429, "too-many-attempts");
                assertProblem(guesser.newDevice("owner").startRestore(user, code), 429, "too-many-attempts");

                throughTheProxyTemplate(portA, portB, phone, vpnOnA, user);
            }
        }
    }

    /**
     * config-templates/nginx-twofold.conf in front of both nodes, with the test's addresses and certificate:
     * a phone's live stream through it gets its login at once (no buffering), Payara's endpoints and the
     * backup call are not reachable through it, and plain HTTP is sent to HTTPS.
     */
    private void throughTheProxyTemplate(int portA, int portB, DeviceSimulator phone, Appliance.RelyingParty vpnOnA, String user)
            throws Exception {
        Path certificate = dir.resolve("proxy.crt");
        Path key = dir.resolve("proxy.key");
        OpenSsl.selfSigned(certificate, key, "2fa.example.com", "DNS:2fa.example.com,IP:127.0.0.1");
        int https = ApplianceServer.freePort();
        int http = ApplianceServer.freePort();
        try (Nginx proxy = Nginx.start(dir.resolve("nginx"), Path.of("config-templates/nginx-twofold.conf"), Map.of(
                "10.0.0.11:8080", "127.0.0.1:" + portA, "10.0.0.12:8080", "127.0.0.1:" + portB,
                "listen 443 ssl", "listen 127.0.0.1:" + https + " ssl", "listen 80;", "listen 127.0.0.1:" + http + ";",
                "/etc/nginx/tls/2fa.example.com.crt", certificate.toString(),
                "/etc/nginx/tls/2fa.example.com.key", key.toString()), https)) {
            Appliance proxied = new Appliance("https://127.0.0.1:" + https + "/", OpenSsl.trusting(certificate));
            DeviceSimulator phoneBehindProxy = phone.on(proxied);
            try (DeviceSimulator.EventStream events = phoneBehindProxy.events()) {
                events.awaitOpen();
                Fixtures.Login login = Fixtures.startLogin(vpnOnA, user);
                assertEquals(login.id(), events.awaitType("AUTH").getString("id"), "through nginx: " + proxy.log());
                assertEquals("DENIED", phoneBehindProxy.decide(login.id(), "DENY", null).expect(200).json().getString("status"));
            }
            for (String inside : List.of("health/ready", "metrics", "api/v1/maintenance/backup")) {
                assertEquals(404, proxied.request("GET", inside, null).status(), inside + " is for the inside network");
            }
            LaunchedAppliance.Answer plain = LaunchedAppliance.get(URI.create("http://127.0.0.1:" + http + "/app/"));
            assertEquals(308, plain.status());
            assertTrue(plain.header("Location").startsWith("https://"), plain.header("Location"));
        }
    }

    private LaunchedAppliance start(Map<String, String> shared, String node, int port) throws Exception {
        Map<String, String> environment = new HashMap<>(shared);
        environment.put("TWOFOLD_DATA_DIR", dir.resolve(node + "/data").toString());
        environment.put("TWOFOLD_HTTP_PORT", Integer.toString(port));
        return LaunchedAppliance.start(dir.resolve(node), environment, port, URI.create("http://127.0.0.1:" + port + "/health/ready"));
    }

    /** The right code with its first character changed: same format, not the code. */
    private static String wrongCode(String code) {
        return (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1);
    }
}
