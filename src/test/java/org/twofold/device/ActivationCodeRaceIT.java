package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Concurrently;
import org.twofold.testing.Fixtures;

/** An activation code binds exactly one device, however many phones present it at the same moment. */
@ExtendWith(ApplianceExtension.class)
class ActivationCodeRaceIT {

    @Test
    void tenParallelEnrollmentsWithOneCodeBindOneDevice(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("enr");
        String code = Fixtures.createIdentity(server, user);
        List<DeviceSimulator> phones = IntStream.range(0, 10).mapToObj(i -> appliance.newDevice("Phone " + i)).toList();

        List<Answer> answers = Concurrently.run(10, i -> phones.get(i).enroll(code));

        List<Integer> winners = IntStream.range(0, 10).filter(i -> answers.get(i).status() == 201).boxed().toList();
        assertEquals(1, winners.size(), () -> "exactly one enrollment succeeds: " + answers);
        assertAll(answers.stream().filter(answer -> answer.status() != 201)
                .map(answer -> (Executable) () -> assertProblem(answer, 400, "invalid-activation-code")));

        List<JsonObject> devices = devicesOf(server, user);
        assertEquals(1, devices.size(), devices::toString);
        assertEquals(phones.get(winners.get(0)).deviceId(), devices.get(0).getString("id"));
        assertEquals("ACTIVE", devices.get(0).getString("state"));
    }

    @Test
    void aUsedActivationCodeIsUsedUpInEveryWayOfTypingIt(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("enr");
        String code = Fixtures.createIdentity(server, user);
        appliance.newDevice("First").enroll(code).expect(201);

        assertAll(
                () -> assertProblem(appliance.newDevice("Second").enroll(code), 400, "invalid-activation-code"),
                () -> assertProblem(appliance.newDevice("Third").enroll(code.toLowerCase(Locale.ROOT)), 400, "invalid-activation-code"),
                () -> assertProblem(appliance.newDevice("Fourth").enroll(code.replace("-", "")), 400, "invalid-activation-code"));
        assertEquals(1, devicesOf(server, user).size());
    }

    @Test
    void theCodeOfADeactivatedIdentityBindsNothingAndStaysUnspent(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("enr");
        String code = Fixtures.createIdentity(server, user);
        server.admin().call("POST", "identities/" + user + "/deactivate", null).expect(200);

        JsonObject refused = assertProblem(appliance.newDevice("Phone").enroll(code), 400, "invalid-activation-code");
        JsonObject unknown = assertProblem(appliance.newDevice("Phone").enroll("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"),
                400, "invalid-activation-code");
        assertEquals(unknown, refused, "a deactivated identity's code is answered like an unknown code");
        assertEquals(0, devicesOf(server, user).size());

        server.admin().call("POST", "identities/" + user + "/reactivate", null).expect(200);
        appliance.newDevice("Phone").enroll(code).expect(201);
        assertEquals(1, devicesOf(server, user).size());
    }

    private static List<JsonObject> devicesOf(ApplianceServer server, String user) {
        return Fixtures.identity(server, user).getJsonArray("devices").getValuesAs(JsonObject.class);
    }
}
