package org.twofold.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.PrometheusText;
import org.twofold.testing.SyncRuns;
import org.twofold.testing.TestDirectory;

/**
 * {@code /metrics} as Prometheus scrapes it: the twofold_ counters move with what users really do. The
 * integration tests run one after another, so nothing else counts between two scrapes of one test.
 */
@ExtendWith(ApplianceExtension.class)
class MetricsIT {

    @Test
    void loginsAreCountedAsTheyStartAndAsTheDeviceDecides(ApplianceServer server) {
        String user = Fixtures.unique("metrics-login");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        PrometheusText before = PrometheusText.scrape(server);

        JsonObject approved = vpn.startLogin(user, "VPN").expect(201).json();
        phone.decide(approved.getString("id"), "APPROVE", approved.getString("displayNumber")).expect(200);
        JsonObject denied = vpn.startLogin(user, "Intranet").expect(201).json();
        phone.decide(denied.getString("id"), "DENY", null).expect(200);
        vpn.startLogin("nobody-" + user, "VPN");

        PrometheusText after = PrometheusText.scrape(server);
        assertEquals(2, increase(before, after, "twofold_logins_started_total"));
        assertEquals(1, increase(before, after, "twofold_logins_approved_total"));
        assertEquals(1, increase(before, after, "twofold_logins_denied_total"));
        assertTrue(after.help("twofold_logins_approved_total").contains("approved"));
        assertFalse(after.text().contains("mp_scope=\"base\""), "scope=application leaves the JVM's metrics out");
    }

    @Test
    void restoresAreCountedByStepAndTheirCodesNeverShow(ApplianceServer server) {
        String user = Fixtures.unique("metrics-restore");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String code = phone.activateRestore().expect(201).json().getString("code");
        DeviceSimulator newPhone = server.client().from(Fixtures.uniqueAddress()).newDevice("new phone");
        PrometheusText before = PrometheusText.scrape(server);

        String wrongCode = code.substring(0, code.length() - 1) + (code.endsWith("0") ? "1" : "0");
        newPhone.startRestore(user, wrongCode).expect(400);
        String restoreId = newPhone.startRestore(user, code).expect(202).json().getString("restoreId");
        String otp = server.mail().awaitOtp(user + "@corp.test");
        newPhone.completeRestore(restoreId, otp, false).expect(201);

        PrometheusText after = PrometheusText.scrape(server);
        assertEquals(1, increase(before, after, "twofold_restores_failed_total", "step=\"start\""));
        assertEquals(0, increase(before, after, "twofold_restores_failed_total", "step=\"complete\""));
        assertEquals(1, increase(before, after, "twofold_restores_started_total"));
        assertEquals(1, increase(before, after, "twofold_restores_completed_total"));
        assertEquals(1, increase(before, after, "twofold_refusals_total", "code=\"invalid-restore-credentials\""));
        assertTrue(increase(before, after, "twofold_mails_sent_total") >= 1, "the one-time code went out by mail");
        assertTrue(after.value("twofold_mail_outbox_waiting") >= 0, "the backlog is scraped too");
        assertFalse(after.text().contains(code) || after.text().contains(otp), "no secret in the metrics");
    }

    @Test
    void duplicationsBlocksAndBadSignaturesAreCounted(ApplianceServer server) {
        String user = Fixtures.unique("metrics-devices");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        DeviceSimulator tablet = server.client().from(Fixtures.uniqueAddress()).newDevice("tablet");
        PrometheusText before = PrometheusText.scrape(server);

        JsonObject offer = phone.offerDuplication().expect(201).json();
        String link = offer.getString("qr");
        JsonObject claim = tablet.claimDuplication(offer.getString("offerId"), link.substring(link.indexOf("&s=") + 3))
                .expect(202).json();
        phone.confirmDuplication(offer.getString("offerId"), claim.getString("claimId")).expect(200);
        DeviceSimulator intruder = Fixtures.anotherDevice(server, user, "Unknown phone");
        String added = phone.inbox().expect(200).json().getJsonArray("notifications").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("type").equals("DEVICE_ADDED") && n.getString("deviceId").equals(intruder.deviceId()))
                .findFirst().orElseThrow().getString("id");
        phone.block(added).expect(200);
        phone.signedAt("DELETE", "/api/v1/device/devices/" + tablet.deviceId(), "", true,
                System.currentTimeMillis() - 3_600_000).expect(401);

        PrometheusText after = PrometheusText.scrape(server);
        assertEquals(1, increase(before, after, "twofold_duplications_total"));
        assertEquals(1, increase(before, after, "twofold_devices_blocked_total"));
        assertEquals(1, increase(before, after, "twofold_refusals_total", "code=\"stale-timestamp\""));
    }

    @Test
    void directorySyncRunsAreTimedByStatus(ApplianceServer server) {
        JsonObject settings = Json.createObjectBuilder()
                .add("name", Fixtures.unique("metrics-dir")).add("flavor", "GENERIC_LDAP")
                .add("urls", Json.createArrayBuilder().add("ldap://127.0.0.1:" + Fixtures.unusedPort()))
                .add("bindDn", TestDirectory.BIND_DN).add("bindPassword", "not-used")
                .add("baseDn", TestDirectory.BASE_DN)
                .add("schedule", Json.createObjectBuilder().add("enabled", false)).build();
        String connection = server.admin().call("POST", "directory/connections", settings.toString()).expect(201).json()
                .getString("id");
        PrometheusText before = PrometheusText.scrape(server);

        Instant started = Instant.now();
        assertEquals("FAILED", SyncRuns.run(server, connection, "{\"mode\":\"FULL\",\"dryRun\":false}").getString("status"));
        double tookAtMost = Duration.between(started, Instant.now()).toMillis() / 1000.0;

        PrometheusText after = PrometheusText.scrape(server);
        assertEquals(1, increase(before, after, "twofold_directory_sync_seconds_count", "status=\"failed\""));
        double took = increase(before, after, "twofold_directory_sync_seconds_sum", "status=\"failed\"");
        assertTrue(took > 0 && took <= tookAtMost, "in seconds: " + took + " of at most " + tookAtMost);
        double longest = after.value("twofold_directory_sync_seconds_max", "status=\"failed\"");
        assertTrue(longest >= took && longest < 60, "the longest failed run, in seconds too: " + longest);
        server.admin().call("DELETE", "directory/connections/" + connection, null).expect(204);
    }

    private static double increase(PrometheusText before, PrometheusText after, String metric, String... labels) {
        return after.value(metric, labels) - before.valueOrZero(metric, labels);
    }
}
