package org.twofold.testing;

import java.util.UUID;

import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;

/** Building blocks shared by integration tests: unique users, enrolled devices, a relying party. */
public final class Scenario {

    private final ApplianceServer server;
    private final Appliance appliance;

    public Scenario(ApplianceServer server) {
        this.server = server;
        this.appliance = server.client();
    }

    public static String uniqueUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Appliance appliance() {
        return appliance;
    }

    /** Creates an identity and enrolls one device for it. */
    public DeviceSimulator enrolledDevice(String user, String deviceName) {
        String code = server.admin().createIdentity(user, user + "@corp.test").expect(201).json().getString("activationCode");
        DeviceSimulator device = appliance.newDevice(deviceName);
        device.enroll(code).expect(201);
        return device;
    }

    /** Enrolls one more device of an existing identity with a fresh activation code. */
    public DeviceSimulator additionalDevice(String user, String deviceName) {
        String code = server.admin().call("POST", "identities/" + user + "/activation-codes", "{}")
                .expect(201).json().getString("activationCode");
        DeviceSimulator device = appliance.newDevice(deviceName);
        device.enroll(code).expect(201);
        return device;
    }

    public Appliance.RelyingParty relyingParty() {
        return server.admin().createRelyingParty(uniqueUser("rp"));
    }
}
