package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.restore.RestoreFixtures.awaitOtp;
import static org.twofold.restore.RestoreFixtures.otpMails;
import static org.twofold.restore.RestoreFixtures.start;
import static org.twofold.restore.RestoreFixtures.wrongCode;
import static org.twofold.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;

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
 * Each restore-policy setting, flipped for one user, changes what that user's flows do — observed through
 * the public protocol only, the way the phone and the helpdesk would see it.
 */
@ExtendWith(ApplianceExtension.class)
class RestorePolicyEnforcementIT {

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private DeviceSimulator oldPhone;

    @BeforeEach
    void enrolledUser(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("policy");
        oldPhone = Fixtures.enrolledUser(server, user);
    }

    private void policy(String settings) {
        PolicyFixtures.forUser(server, user, settings);
    }

    /** Step one from a new phone with the right code, and the OTP mailed for it. */
    private String[] startRestore(DeviceSimulator newPhone, String code) {
        int mailsBefore = otpMails(server, user).size();
        String restoreId = start(newPhone, user, code);
        return new String[] {restoreId, awaitOtp(server, user, mailsBefore + 1)};
    }

    @Test
    void aProhibitedRestoreAnswersExactlyLikeAWrongCode() {
        String code = activateRestore(oldPhone);
        policy("\"restoreAllowed\":false");

        Answer prohibited = appliance.newDevice("new phone").startRestore(user, code);
        Answer wrong = appliance.newDevice("new phone").startRestore(user, wrongCode());

        assertProblem(prohibited, 400, "invalid-restore-credentials");
        assertEquals(wrong.status(), prohibited.status());
        assertEquals(wrong.body(), prohibited.body(), "byte for byte the same answer");
        assertProblem(oldPhone.activateRestore(), 409, "restore-prohibited");
        assertEquals(0, otpMails(server, user).size(), "no one-time code went out");
    }

    @Test
    void aRestoreStartedBeforeRestoreWasProhibitedCannotBeCompleted() {
        String code = activateRestore(oldPhone);
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String[] started = startRestore(newPhone, code);

        policy("\"restoreAllowed\":false");

        assertProblem(newPhone.completeRestore(started[0], started[1], false), 400, "invalid-otp");
        oldPhone.inbox().expect(200);
    }

    @Test
    void autoWipeUnpairsTheOldDevicesInTheRestore() {
        String code = activateRestore(oldPhone);
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String[] started = startRestore(newPhone, code);

        JsonObject completed = newPhone.completeRestore(started[0], started[1], false).expect(201).json();

        assertFalse(completed.getBoolean("oldDevicesKept"));
        assertProblem(oldPhone.inbox(), 410, "device-removed");
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, oldPhone.deviceId()));
    }

    @Test
    void withoutAutoWipeTheOldDevicesStayAndAreToldSoTheyCanBlock() {
        policy("\"autoWipeOldDevices\":false");
        String code = activateRestore(oldPhone);
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String[] started = startRestore(newPhone, code);

        JsonObject completed = newPhone.completeRestore(started[0], started[1], false).expect(201).json();

        assertTrue(completed.getBoolean("oldDevicesKept"));
        oldPhone.inbox().expect(200);
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, oldPhone.deviceId()));
        JsonObject told = RestoreFixtures.notification(oldPhone, "DEVICE_RESTORED", newPhone.deviceId());
        assertTrue(told.getBoolean("blockable"));
    }

    @Test
    void keepingOldDevicesIsNotHonouredWhenPolicyDoesNotAllowIt() {
        policy("\"keepOldDevicesAllowed\":false");
        String code = activateRestore(oldPhone);
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String[] started = startRestore(newPhone, code);

        JsonObject completed = newPhone.completeRestore(started[0], started[1], true).expect(201).json();

        assertFalse(completed.getBoolean("oldDevicesKept"), "the client learns its wish was not honoured");
        assertProblem(oldPhone.inbox(), 410, "device-removed");
        JsonObject self = newPhone.devices().expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getBoolean("current")).findFirst().orElseThrow();
        assertEquals("RESTORE", self.getString("boundVia"));
    }

    @Test
    void keepingOldDevicesWorksWhereAllowed() {
        String code = activateRestore(oldPhone);
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String[] started = startRestore(newPhone, code);

        JsonObject completed = newPhone.completeRestore(started[0], started[1], true).expect(201).json();

        assertTrue(completed.getBoolean("oldDevicesKept"));
        oldPhone.inbox().expect(200);
    }

    @Test
    void prohibitedDuplicationRefusesTheQrOfferAndDuplicationByCode() {
        policy("\"duplicationAllowed\":false");

        assertProblem(oldPhone.offerDuplication(), 409, "duplication-prohibited");

        String code = activateRestore(oldPhone);
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String[] started = startRestore(newPhone, code);
        JsonObject completed = newPhone.completeRestore(started[0], started[1], true).expect(201).json();
        assertFalse(completed.getBoolean("oldDevicesKept"), "duplication by restore code is duplication too");
        assertProblem(oldPhone.inbox(), 410, "device-removed");
    }

    @Test
    void aDuplicationOfferedBeforeItWasProhibitedCannotBeConfirmed() {
        DuplicationSteps.Offer offer = DuplicationSteps.offer(oldPhone);
        DuplicationSteps.Claim claim = DuplicationSteps.claim(appliance.newDevice("new phone"), offer);

        policy("\"duplicationAllowed\":false");

        assertProblem(oldPhone.confirmDuplication(claim.offerId(), claim.claimId()), 409, "duplication-prohibited");
        assertEquals(1, RestoreFixtures.devices(server, user).size(), "the claim never became a device");
    }

    @Test
    void theDeviceLimitRefusesDuplicationEnrollmentAndKeepingRestores() {
        policy("\"maxDevicesPerIdentity\":1");

        assertProblem(oldPhone.offerDuplication(), 409, "too-many-devices");
        String activation = server.admin().call("POST", "identities/" + user + "/activation-codes", "{}").expect(201)
                .json().getString("activationCode");
        assertProblem(appliance.newDevice("second phone").enroll(activation), 409, "too-many-devices");

        String code = activateRestore(oldPhone);
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String[] started = startRestore(newPhone, code);
        assertProblem(newPhone.completeRestore(started[0], started[1], true), 409, "too-many-devices");
        oldPhone.inbox().expect(200);

        JsonObject completed = newPhone.completeRestore(started[0], started[1], false).expect(201).json();
        assertFalse(completed.getBoolean("oldDevicesKept"), "the refused attempt left the one-time code usable");
        assertEquals(1, RestoreFixtures.devices(server, user).stream().filter(d -> d.getString("state").equals("ACTIVE")).count());
    }

    @Test
    void theDeviceLimitIsCheckedAgainWhenADuplicationIsConfirmed() {
        policy("\"maxDevicesPerIdentity\":2");
        DuplicationSteps.Offer offer = DuplicationSteps.offer(oldPhone);
        DuplicationSteps.Claim claim = DuplicationSteps.claim(appliance.newDevice("new phone"), offer);
        Fixtures.anotherDevice(server, user, "tablet");

        assertProblem(oldPhone.confirmDuplication(claim.offerId(), claim.claimId()), 409, "too-many-devices");
        assertEquals(2, RestoreFixtures.devices(server, user).size());
    }

    @Test
    void theDefaultPolicysFailureLimitDecidesWhenGuessingLocks() throws Exception {
        activateRestore(oldPhone);
        try (AutoCloseable putBack = PolicyFixtures.changeDefault(server, "failuresBeforeLock", Json.createValue(3))) {
            for (int guess = 0; guess < 3; guess++) {
                assertProblem(appliance.newDevice("guess").startRestore(user, wrongCode()), 400, "invalid-restore-credentials");
            }
            assertProblem(appliance.newDevice("guess").startRestore(user, wrongCode()), 429, "too-many-attempts");
        }
        assertEquals(5, server.admin().call("GET", "policies/default", null).expect(200).json().getInt("failuresBeforeLock"));
    }

    @Test
    void aPolicyChangeAppliesToTheNextCallAtOnce() {
        String name = PolicyFixtures.forUser(server, user, "\"duplicationAllowed\":false");
        assertProblem(oldPhone.offerDuplication(), 409, "duplication-prohibited");

        server.admin().call("DELETE", "policies/" + name, null).expect(204);

        oldPhone.offerDuplication().expect(201);
    }
}
