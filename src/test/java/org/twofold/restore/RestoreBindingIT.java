package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.restore.RestoreFixtures.awaitOtp;
import static org.twofold.restore.RestoreFixtures.devices;
import static org.twofold.restore.RestoreFixtures.start;
import static org.twofold.testing.Problems.assertProblem;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/**
 * Every step is bound to the flow that started it (DESIGN.md): an OTP works only for its own restore
 * attempt, only once, only while the restore code that started the attempt is still the identity's code,
 * and there is no step two without step one.
 *
 * <p>Not covered here: the OTP expiring after 10 minutes. The appliance's clock cannot be moved from outside
 * and a test must not wait 10 minutes; the expiry is the {@code expiresAt} condition of the conditional
 * update that completes an attempt ({@code Restores.completeOnce}) and {@code RestoreAttempt.isOpen}.
 */
@ExtendWith(ApplianceExtension.class)
class RestoreBindingIT {

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private DeviceSimulator phone;
    private String code;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("bound");
        phone = Fixtures.enrolledUser(server, user);
        code = activateRestore(phone);
    }

    @Test
    void theOtpOfOneAttemptFailsOnAnotherAndEachWorksOnce() {
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String attemptA = start(newPhone, user, code);
        String otpA = awaitOtp(server, user, 1);
        String attemptB = start(newPhone, user, code);
        String otpB = awaitOtp(server, user, 2);
        assertNotEquals(attemptA, attemptB);

        assertProblem(newPhone.completeRestore(attemptB, otpA, false), 400, "invalid-otp");
        phone.inbox().expect(200);
        newPhone.completeRestore(attemptB, otpB, false).expect(201);

        assertProblem(appliance.newDevice("replay").completeRestore(attemptB, otpB, false), 400, "invalid-otp");
        assertProblem(appliance.newDevice("used code").startRestore(user, code), 400, "invalid-restore-credentials");
        assertEquals(1, devices(server, user).stream().filter(d -> d.getString("state").equals("ACTIVE")).count());
    }

    @Test
    void thereIsNoStepTwoWithoutStepOne() {
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        assertProblem(newPhone.completeRestore(UUID.randomUUID().toString(), "12345678", false), 400, "invalid-otp");
        assertProblem(newPhone.completeRestore("not-a-restore", "12345678", false), 400, "invalid-otp");
        assertEquals(1, devices(server, user).size());
        phone.inbox().expect(200);
    }

    /**
     * The OTP mail tells a user who did not start a restore to turn restore on again, which replaces the
     * code. That must stop a restore already under way with the old code, not only future ones.
     */
    @Test
    void reissuingTheCodeStopsARestoreAlreadyUnderWay() {
        DeviceSimulator thief = appliance.newDevice("thief");
        String attempt = start(thief, user, code);
        String otp = awaitOtp(server, user, 1);

        String newCode = activateRestore(phone);

        assertProblem(thief.completeRestore(attempt, otp, false), 400, "invalid-otp");
        phone.inbox().expect(200);
        assertEquals(1, devices(server, user).size(), "the thief got no device");
        assertProblem(appliance.newDevice("thief").startRestore(user, code), 400, "invalid-restore-credentials");
        RestoreFixtures.restore(server, server.client().from(Fixtures.uniqueAddress()), user, newCode, "owner", true);
    }

    /** After a completed restore the code is replaced; other attempts started with the old code die with it. */
    @Test
    void aCompletedRestoreEndsTheOtherAttemptsOfTheOldCode() {
        DeviceSimulator first = appliance.newDevice("first");
        String attemptA = start(first, user, code);
        String otpA = awaitOtp(server, user, 1);
        DeviceSimulator second = appliance.newDevice("second");
        String attemptB = start(second, user, code);
        String otpB = awaitOtp(server, user, 2);

        second.completeRestore(attemptB, otpB, true).expect(201);

        assertProblem(first.completeRestore(attemptA, otpA, true), 400, "invalid-otp");
        assertEquals(2, devices(server, user).stream().filter(d -> d.getString("state").equals("ACTIVE")).count(),
                "the old phone and the second device; the first attempt bound nothing");
    }
}
