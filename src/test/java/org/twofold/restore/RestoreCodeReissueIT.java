package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.restore.RestoreFixtures.audit;
import static org.twofold.restore.RestoreFixtures.notifications;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.PolicyFixtures;

/**
 * The helpdesk re-issues a lost restore code through a channel the user's policy lists — with a second
 * operator where policy wants four eyes. The old code dies, every device is told, and the audit names both
 * operators.
 */
@ExtendWith(ApplianceExtension.class)
class RestoreCodeReissueIT {

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private DeviceSimulator phone;
    private String oldCode;
    private String helpdeskName;
    private Appliance.Operator helpdesk;

    @BeforeEach
    void userWithRestore(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("reissue");
        phone = Fixtures.enrolledUser(server, user);
        oldCode = activateRestore(phone);
        helpdeskName = Fixtures.unique("hd");
        helpdesk = Fixtures.operator(server, helpdeskName, "HELPDESK");
    }

    private Answer reissue(Appliance.Operator operator, String channel) {
        return operator.call("POST", "identities/" + user + "/restore-code", "{\"channel\":\"" + channel + "\"}");
    }

    @Test
    void onlyChannelsThePolicyListsAreAllowed() {
        JsonObject problem = assertProblem(reissue(helpdesk, "EMAIL"), 409, "channel-not-allowed");
        assertEquals(List.of("IN_PERSON", "PHONE"), problem.getJsonArray("allowedChannels").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList());
        assertProblem(reissue(helpdesk, "DEVICE_DISPLAY"), 409, "channel-not-allowed");
        assertProblem(reissue(helpdesk, "FAX"), 400, "invalid-request");
        assertProblem(helpdesk.call("POST", "identities/" + Fixtures.unique("nobody") + "/restore-code", "{\"channel\":\"PHONE\"}"),
                404, "unknown-user");

        PolicyFixtures.forUser(server, user, "\"lostCodeReissueChannels\":[\"EMAIL\"]");
        assertEquals("EMAIL", reissue(helpdesk, "EMAIL").expect(201).json().getString("channel"));
        assertProblem(reissue(helpdesk, "PHONE"), 409, "channel-not-allowed");
    }

    @Test
    void aReissuedCodeKillsTheOldOneTellsEveryDeviceAndRestores() {
        JsonObject reissued = reissue(helpdesk, "PHONE").expect(201).json();

        assertEquals("PHONE", reissued.getString("channel"));
        assertEquals("PENDING", reissued.getString("state"));
        assertProblem(appliance.newDevice("thief").startRestore(user, oldCode), 400, "invalid-restore-credentials");
        JsonObject told = notifications(phone).stream().filter(n -> n.getString("type").equals("RESTORE_CODE_REISSUED"))
                .findFirst().orElseThrow(() -> new AssertionError("the device was not told"));
        assertTrue(told.isNull("deviceId"));
        assertEquals(false, told.getBoolean("blockable"));
        assertTrue(audit(server, "identity:" + user, "restore.code-reissue").get(0).getString("detail")
                .contains("by operator:" + helpdeskName));

        String code = helpdesk.call("POST", "restore-code-deliveries/" + reissued.getString("deliveryId") + "/reveal",
                "{\"callerVerification\":\"called back on the directory number\"}").expect(200).json().getString("code");
        RestoreFixtures.restore(server, appliance, user, code, "new phone", false);
    }

    @Test
    void fourEyesNeedsASecondOperatorNotTheFirstOneTwice() {
        PolicyFixtures.forUser(server, user, "\"reissueNeedsSecondOperator\":true");
        String secondName = Fixtures.unique("hd");
        Appliance.Operator second = Fixtures.operator(server, secondName, "HELPDESK");

        Answer requested = reissue(helpdesk, "PHONE");
        assertEquals(202, requested.status(), requested::toString);
        String approvalId = requested.json().getString("approvalId");
        assertTrue(notifications(phone).stream().noneMatch(n -> n.getString("type").equals("RESTORE_CODE_REISSUED")),
                "nothing is issued before the approval");
        assertTrue(second.call("GET", "approvals", null).expect(200).array().getValuesAs(JsonObject.class).stream()
                .anyMatch(a -> a.getString("id").equals(approvalId)));

        assertProblem(helpdesk.call("POST", "approvals/" + approvalId + "/approve", null), 409, "same-operator");
        assertProblem(helpdesk.call("POST", "approvals/" + approvalId + "/approve", null), 409, "same-operator");

        JsonObject approved = second.call("POST", "approvals/" + approvalId + "/approve", null).expect(201).json();
        assertEquals("PHONE", approved.getString("channel"));
        assertEquals("operator:" + secondName, approved.getString("approvedBy"));
        assertProblem(second.call("POST", "approvals/" + approvalId + "/approve", null), 409, "approval-closed");
        assertProblem(appliance.newDevice("thief").startRestore(user, oldCode), 400, "invalid-restore-credentials");

        String detail = audit(server, "identity:" + user, "restore.code-reissue").get(0).getString("detail");
        assertTrue(detail.contains("requested by operator:" + helpdeskName) && detail.contains("approved by operator:" + secondName),
                detail);
        assertEquals(1, notifications(phone).stream().filter(n -> n.getString("type").equals("RESTORE_CODE_REISSUED")).count());
    }

    @Test
    void theApproverMeetsThePolicyAsItIsAtApproval() {
        String policy = PolicyFixtures.forUser(server, user, "\"reissueNeedsSecondOperator\":true");
        String approvalId = reissue(helpdesk, "PHONE").expect(202).json().getString("approvalId");
        PolicyFixtures.save(server, policy, "{\"priority\":" + server.admin().call("GET", "policies/" + policy, null).expect(200)
                .json().getInt("priority") + ",\"users\":[\"" + user + "\"],\"reissueNeedsSecondOperator\":true,"
                + "\"lostCodeReissueChannels\":[\"IN_PERSON\"]}").expect(200);

        assertProblem(server.admin().call("POST", "approvals/" + approvalId + "/approve", null), 409, "channel-not-allowed");
    }

    @Test
    void noCodeIsReissuedWhileRestoreIsProhibited() {
        PolicyFixtures.forUser(server, user, "\"restoreAllowed\":false");

        assertProblem(reissue(helpdesk, "PHONE"), 409, "restore-prohibited");
    }

    @Test
    void securityOfficersCannotReissueApproveOrSeeCodes() {
        Appliance.Operator officer = Fixtures.operator(server, Fixtures.unique("so"), "SECURITY_OFFICER");
        String deliveryId = reissue(helpdesk, "PHONE").expect(201).json().getString("deliveryId");

        assertProblem(reissue(officer, "PHONE"), 403, "forbidden");
        assertProblem(officer.call("GET", "approvals", null), 403, "forbidden");
        assertProblem(officer.call("POST", "approvals/" + Fixtures.unique("x") + "/approve", null), 403, "forbidden");
        assertProblem(officer.call("GET", "letters", null), 403, "forbidden");
        assertProblem(officer.call("POST", "letters/batches", null), 403, "forbidden");
        assertProblem(officer.call("GET", "restore-code-deliveries?channel=PHONE", null), 403, "forbidden");
        assertProblem(officer.call("POST", "restore-code-deliveries/" + deliveryId + "/reveal",
                "{\"callerVerification\":\"x\"}"), 403, "forbidden");
        assertProblem(server.client().request("POST", "api/v1/admin/restore-code-deliveries/" + deliveryId + "/reveal",
                "{\"callerVerification\":\"x\"}"), 401, "unauthenticated");

        helpdesk.call("POST", "restore-code-deliveries/" + deliveryId + "/reveal", "{\"callerVerification\":\"x\"}").expect(200);
    }
}
