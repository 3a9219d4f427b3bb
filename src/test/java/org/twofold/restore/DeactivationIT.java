package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/**
 * Issue 4, flow 7: an operator deactivates an identity and every login is refused; a completed restore (the
 * user proved restore code and mailbox again) or an operator reactivates it.
 *
 * <p>The user's own deactivation on the self-service panel is tested in {@code SelfServiceIT}.
 */
@ExtendWith(ApplianceExtension.class)
class DeactivationIT {

    private ApplianceServer server;
    private String user;
    private DeviceSimulator phone;
    private Appliance.RelyingParty vpn;
    private Appliance.Operator helpdesk;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        user = Fixtures.unique("deact");
        phone = Fixtures.enrolledUser(server, user);
        vpn = Fixtures.relyingParty(server);
        helpdesk = Fixtures.operator(server, Fixtures.unique("hd"), "HELPDESK");
    }

    @Test
    void aDeactivatedIdentityIsRefusedUntilARestoreReactivatesIt() {
        String code = activateRestore(phone);
        assertEquals("DEACTIVATED", helpdesk.call("POST", "identities/" + user + "/deactivate", null).expect(200).json()
                .getString("status"));

        assertProblem(vpn.startLogin(user, "VPN"), 403, "identity-deactivated");
        assertProblem(phone.offerDuplication(), 403, "identity-deactivated");

        DeviceSimulator restored = RestoreFixtures.restore(server, server.client().from(Fixtures.uniqueAddress()), user, code,
                "new phone", false);

        assertEquals("ACTIVE", Fixtures.identity(server, user).getString("status"));
        List<JsonObject> audited = RestoreFixtures.audit(server, RestoreFixtures.deviceTarget(restored.deviceId(), user),
                "restore.complete");
        assertTrue(audited.get(0).getString("detail").contains("identity reactivated"), audited::toString);
        approveLogin(restored);
    }

    @Test
    void anOperatorReactivatesADeactivatedIdentity() {
        helpdesk.call("POST", "identities/" + user + "/deactivate", null).expect(200);
        assertProblem(vpn.startLogin(user, "VPN"), 403, "identity-deactivated");

        assertEquals("ACTIVE", helpdesk.call("POST", "identities/" + user + "/reactivate", null).expect(200).json()
                .getString("status"));
        approveLogin(phone);
    }

    private void approveLogin(DeviceSimulator device) {
        Fixtures.Login login = Fixtures.startLogin(vpn, user);
        assertEquals("APPROVED", device.decide(login.id(), "APPROVE", login.displayNumber()).expect(200).json()
                .getString("status"));
        assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));
    }
}
