package org.twofold.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Download;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/** Enrollments, login decisions, unpairs and operator actions land in the hash-chained trail. */
@ExtendWith(ApplianceExtension.class)
class AuditTrailIT {

    @Test
    void everyStepIsRecordedWithActorTargetSourceAndOutcome(ApplianceServer server) {
        String user = Fixtures.unique("audit");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user, "audited phone");
        DeviceSimulator other = Fixtures.anotherDevice(server, user, "second");
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        JsonObject approved = vpn.startLogin(user, "VPN").expect(201).json();
        phone.decide(approved.getString("id"), "APPROVE", approved.getString("displayNumber")).expect(200);
        JsonObject misled = vpn.startLogin(user, "VPN").expect(201).json();
        phone.decide(misled.getString("id"), "APPROVE", wrongNumber(misled)).expect(200);
        other.unpair(phone.deviceId()).expect(204);

        List<JsonObject> identityEntries = entries(server, "identity:" + user);
        JsonObject created = only(identityEntries, "identity.create");
        assertEquals("operator:admin", created.getString("actor"));
        assertEquals("127.0.0.1", created.getString("sourceAddress"));
        assertEquals("SUCCESS", created.getString("outcome"));
        only(identityEntries, "activation-code.issue");

        JsonObject enrolled = only(entries(server, "device:" + phone.deviceId() + " (" + user + ")"), "device.enroll");
        assertEquals("new-device", enrolled.getString("actor"));
        assertTrue(enrolled.getString("detail").contains("audited phone"));

        JsonObject unpaired = only(entries(server, "device:" + phone.deviceId() + " (" + user + ")"), "device.unpair");
        assertEquals("device:" + other.deviceId() + " (" + user + ")", unpaired.getString("actor"));

        JsonObject approval = only(entries(server, "auth-session:" + approved.getString("id") + " (" + user + ")"), "login.decide");
        assertEquals("SUCCESS", approval.getString("outcome"));
        JsonObject denial = only(entries(server, "auth-session:" + misled.getString("id") + " (" + user + ")"), "login.decide");
        assertEquals("DENIED", denial.getString("outcome"));
        assertEquals("wrong number picked", denial.getString("detail"));
    }

    @Test
    void chainVerifiesAndEntriesAreChained(ApplianceServer server) {
        Fixtures.enrolledUser(server, Fixtures.unique("chain"), "phone");
        JsonObject verification = server.admin().call("GET", "audit/verification", null).expect(200).json();
        assertTrue(verification.getBoolean("intact"), verification.toString());
        assertEquals(0, verification.getJsonNumber("firstBrokenSeq").longValue());
        List<JsonObject> newest = server.admin().call("GET", "audit?limit=2", null).expect(200).array()
                .getValuesAs(JsonObject.class);
        assertEquals(2, newest.size());
        assertEquals(newest.get(0).getJsonNumber("seq").longValue() - 1, newest.get(1).getJsonNumber("seq").longValue());
        assertTrue(verification.getJsonNumber("entriesVerified").longValue() >= newest.get(0).getJsonNumber("seq").longValue());
    }

    @Test
    void theExportIsCsvOfTheFilteredEntriesAndIsItselfRecorded(ApplianceServer server) {
        String name = Fixtures.unique("csv");
        Fixtures.operator(server, name, "HELPDESK");
        String target = URLEncoder.encode("operator:" + name, StandardCharsets.UTF_8);

        Download csv = server.admin().download("GET", "audit/export?target=" + target, null).expect(200, "text/csv");

        List<String> lines = List.of(new String(csv.bytes(), StandardCharsets.UTF_8).split("\r\n"));
        assertEquals("seq,at,actor,action,target,sourceAddress,outcome,detail,hash", lines.get(0));
        assertEquals(2, lines.size(), lines::toString);
        JsonObject entry = only(entries(server, "operator:" + name), "operator.create");
        assertEquals("\"" + String.join("\",\"", entry.getJsonNumber("seq").toString(), entry.getString("at"),
                "operator:admin", "operator.create", "operator:" + name, "127.0.0.1", "SUCCESS", "roles [HELPDESK]",
                entry.getString("hash")) + "\"", lines.get(1));
        assertTrue(csv.header("Content-Disposition").startsWith("attachment"), csv.header("Content-Disposition"));
        assertEquals("target=operator:" + name + " action= actor=",
                entries(server, "audit").stream().filter(e -> e.getString("action").equals("audit.export"))
                        .findFirst().orElseThrow().getString("detail"));
        assertEquals(403, Fixtures.operator(server, Fixtures.unique("hd"), "HELPDESK")
                .download("GET", "audit/export", null).status());
    }

    private static String wrongNumber(JsonObject started) {
        String right = started.getString("displayNumber");
        return right.equals("10") ? "11" : "10";
    }

    private static List<JsonObject> entries(ApplianceServer server, String target) {
        return server.admin().call("GET", "audit?target=" + URLEncoder.encode(target, StandardCharsets.UTF_8), null)
                .expect(200).array().getValuesAs(JsonObject.class);
    }

    private static JsonObject only(List<JsonObject> entries, String action) {
        List<JsonObject> matching = entries.stream().filter(e -> e.getString("action").equals(action)).toList();
        assertEquals(1, matching.size(), action + " in " + entries);
        return matching.get(0);
    }
}
