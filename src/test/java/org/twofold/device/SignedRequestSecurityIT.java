package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twofold.testing.Fixtures.assertStillPending;
import static org.twofold.testing.Fixtures.decisionPath;
import static org.twofold.testing.Problems.assertProblem;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Fixtures.Login;
import org.twofold.testing.SignedCall;

/**
 * Security-critical device calls are signed by the device key (PROTOCOL.md, "Keys and signatures"). Every
 * way of getting that signature wrong is refused with 401, and a refused call changes nothing: the login
 * stays PENDING, the device stays ACTIVE, the activation code stays unspent. Each test ends with the
 * correct call succeeding, which proves the refusals were about the signature and nothing else.
 */
@ExtendWith(ApplianceExtension.class)
class SignedRequestSecurityIT {

    /** The order n of P-256: (r, s) = (n, n) and (0, 0) are the "psychic signature" values of CVE-2022-21449. */
    private static final BigInteger P256_ORDER = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    @Test
    void decisionsWithoutSignatureHeadersAreRefused(ApplianceServer server) {
        PendingLogin s = new PendingLogin(server);

        refused(401, "invalid-signature",
                () -> s.approval().withoutSignatureHeader().withoutTimestampHeader().send(),
                () -> s.approval().withoutSignatureHeader().send(),
                () -> s.approval().withoutTimestampHeader().send());

        s.assertNothingChangedAndApprovable();
    }

    @Test
    void aSignatureByAnyOtherKeyIsRefused(ApplianceServer server) {
        PendingLogin s = new PendingLogin(server);
        DeviceSimulator laptop = Fixtures.anotherDevice(server, s.user, "Laptop");
        DeviceSimulator mallory = Fixtures.enrolledUser(server, Fixtures.unique("mallory"));
        PrivateKey freshKey = DeviceSimulator.newKeyPair().getPrivate();

        refused(401, "invalid-signature",
                () -> s.approval().signedWith(freshKey).send(),
                // the key of another device of the same identity, with this device's token
                () -> s.approval().signedWith(laptop.privateKey()).send(),
                // the other way round: the laptop's token, this device's signature
                () -> s.approval().token(laptop.token()).send(),
                // a device of another identity signing with its own key
                () -> s.approval().signedWith(mallory.privateKey()).send());

        s.assertNothingChangedAndApprovable();
    }

    @Test
    void aBodyChangedAfterSigningIsRefused(ApplianceServer server) {
        PendingLogin s = new PendingLogin(server);
        String path = decisionPath(s.login.id());
        String deny = Json.object("decision", "DENY");
        String otherNumber = Json.object("decision", "APPROVE", "number", s.wrongNumber());

        refused(401, "invalid-signature",
                // signed DENY, sent APPROVE
                () -> s.approval().signedAs("POST", path, deny).send(),
                // signed a wrong number, sent the right one
                () -> s.approval().signedAs("POST", path, otherNumber).send(),
                // the same JSON, one byte more
                () -> s.call("POST", path, s.approveBody() + " ").signedAs("POST", path, s.approveBody()).send());

        s.assertNothingChangedAndApprovable();
    }

    @Test
    void aPathOrMethodChangedAfterSigningIsRefused(ApplianceServer server) {
        PendingLogin s = new PendingLogin(server);
        Login otherLogin = Fixtures.startLogin(s.vpn, s.user);
        String path = decisionPath(s.login.id());

        refused(401, "invalid-signature",
                // a signature for the other login, sent to this one
                () -> s.approval().signedAs("POST", decisionPath(otherLogin.id()), s.approveBody()).send(),
                // another method
                () -> s.approval().signedAs("PUT", path, s.approveBody()).send(),
                // the path without the /api/v1 prefix that PROTOCOL.md makes part of the signed string
                () -> s.approval().signedAs("POST", path.substring("/api/v1".length()), s.approveBody()).send());

        assertStillPending(s.vpn, otherLogin);
        s.assertNothingChangedAndApprovable();
    }

    @Test
    void timestampsMoreThan120SecondsAwayAreRefused(ApplianceServer server) {
        PendingLogin s = new PendingLogin(server);

        refused(401, "stale-timestamp",
                () -> s.approval().timestamp(System.currentTimeMillis() - 121_000).send(),
                () -> s.approval().timestamp(System.currentTimeMillis() + 121_000).send(),
                () -> s.phone.signedAt("POST", decisionPath(s.login.id()), s.approveBody(), true,
                        System.currentTimeMillis() - 121_000),
                () -> s.phone.signedAt("POST", decisionPath(s.login.id()), s.approveBody(), true,
                        System.currentTimeMillis() + 121_000));
        s.assertNothingChanged();

        // inside the window a correct call is accepted: the limit is 120 s, not less
        Answer approved = s.approval().timestamp(System.currentTimeMillis() - 60_000).send();
        assertEquals(200, approved.status(), approved::toString);
        assertEquals("APPROVED", Fixtures.loginStatus(s.vpn, s.login.id()));
    }

    @Test
    void timestampsThatAreNotEpochMillisecondsAreRefused(ApplianceServer server) {
        PendingLogin s = new PendingLogin(server);
        long now = System.currentTimeMillis();

        refused(401, new String[] {"stale-timestamp", "invalid-signature"},
                () -> s.approval().timestamp("yesterday").send(),
                () -> s.approval().timestamp(Long.toString(now / 1000)).send(),
                () -> s.approval().timestamp(now + ".0").send(),
                () -> s.approval().timestamp("1.7E12").send(),
                () -> s.approval().timestamp("0x" + Long.toHexString(now)).send(),
                () -> s.approval().timestamp("2026-01-01T00:00:00Z").send(),
                () -> s.approval().timestamp("99999999999999999999999").send(),
                () -> s.approval().timestamp(Long.toString(Long.MIN_VALUE)).send());

        s.assertNothingChangedAndApprovable();
    }

    @Test
    void signaturesInAnyOtherFormThanBase64UrlP1363AreRefused(ApplianceServer server) {
        PendingLogin s = new PendingLogin(server);
        byte[] valid = Base64.getUrlDecoder().decode(s.approval().timestamp(System.currentTimeMillis()).computeSignature());
        byte[] nn = new byte[64];
        byte[] order = unsigned32(P256_ORDER);
        System.arraycopy(order, 0, nn, 0, 32);
        System.arraycopy(order, 0, nn, 32, 32);

        refused(401, "invalid-signature",
                () -> s.approval().signature("not a signature!").send(),
                () -> s.approval().signature("").send(),
                // the right bytes in standard base64 with padding instead of base64url
                () -> s.approval().signature(Base64.getEncoder().encodeToString(valid)).send(),
                // ASN.1 DER (Java's SHA256withECDSA) instead of P1363
                () -> s.approval().signatureAlgorithm("SHA256withECDSA").send(),
                // r = s = 0 and r = s = n: the "psychic signature" (CVE-2022-21449)
                () -> s.approval().signature(SignedCall.base64Url(new byte[64])).send(),
                () -> s.approval().signature(SignedCall.base64Url(nn)).send(),
                // too short, too long
                () -> s.approval().signature(SignedCall.base64Url(Arrays.copyOf(valid, 63))).send(),
                () -> s.approval().signature(SignedCall.base64Url(Arrays.copyOf(valid, 65))).send());

        s.assertNothingChangedAndApprovable();
    }

    @Test
    void anUnpairWithABadSignatureLeavesTheDeviceActive(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("sig");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");
        String laptopPath = "/api/v1/device/devices/" + laptop.deviceId();
        Supplier<SignedCall> unpairLaptop = () -> SignedCall.by(appliance, phone).request("DELETE", laptopPath, "");

        refused(401, "invalid-signature",
                () -> unpairLaptop.get().withoutSignatureHeader().withoutTimestampHeader().send(),
                () -> unpairLaptop.get().signedWith(DeviceSimulator.newKeyPair().getPrivate()).send(),
                () -> unpairLaptop.get().signedWith(laptop.privateKey()).send(),
                // a signature for unpairing the phone itself, sent to unpair the laptop
                () -> unpairLaptop.get().signedAs("DELETE", "/api/v1/device/devices/" + phone.deviceId(), "").send());
        refused(401, "stale-timestamp",
                () -> unpairLaptop.get().timestamp(System.currentTimeMillis() - 121_000).send());

        assertEquals("ACTIVE", Fixtures.deviceState(server, user, laptop.deviceId()));
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, phone.deviceId()));
        laptop.inbox().expect(200);

        unpairLaptop.get().send().expect(204);
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, laptop.deviceId()));
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, phone.deviceId()));
    }

    @Test
    void anEnrollmentNotSignedByItsNewKeyLeavesTheActivationCodeUnspent(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("sig");
        String code = Fixtures.createIdentity(server, user);
        DeviceSimulator newPhone = appliance.newDevice("New phone");
        String path = "/api/v1/device/enroll";
        String body = Json.object("activationCode", code, "publicKey", newPhone.publicKey(),
                "deviceName", "New phone", "platform", "simulator");
        Supplier<SignedCall> enroll = () -> SignedCall.withKey(appliance, newPhone.privateKey()).request("POST", path, body);

        refused(401, "invalid-signature",
                () -> enroll.get().withoutSignatureHeader().withoutTimestampHeader().send(),
                // somebody else's key signs a body that names the new phone's public key
                () -> enroll.get().signedWith(DeviceSimulator.newKeyPair().getPrivate()).send(),
                () -> enroll.get().signedAs("POST", path, body.replace("New phone", "Evil phone")).send(),
                () -> enroll.get().signatureAlgorithm("SHA256withECDSA").send());
        refused(401, "stale-timestamp",
                () -> enroll.get().timestamp(System.currentTimeMillis() + 121_000).send());

        assertEquals(0, Fixtures.identity(server, user).getJsonArray("devices").size(), "no device was bound");
        newPhone.enroll(code).expect(201);
        List<JsonObject> devices = Fixtures.identity(server, user).getJsonArray("devices").getValuesAs(JsonObject.class);
        assertEquals(1, devices.size(), devices::toString);
        assertEquals(newPhone.deviceId(), devices.get(0).getString("id"));
    }

    @SafeVarargs
    private static void refused(int status, String code, Supplier<Answer>... calls) {
        refused(status, new String[] {code}, calls);
    }

    @SafeVarargs
    private static void refused(int status, String[] codes, Supplier<Answer>... calls) {
        assertAll(Arrays.stream(calls).map(call -> (Executable) () -> assertProblem(call.get(), status, codes)));
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        System.arraycopy(raw, Math.max(0, raw.length - 32), fixed, Math.max(0, 32 - raw.length), Math.min(32, raw.length));
        return fixed;
    }

    /** A user with one enrolled phone and a login of a relying party waiting for the phone's decision. */
    static final class PendingLogin {
        final ApplianceServer server;
        final Appliance appliance;
        final String user;
        final DeviceSimulator phone;
        final Appliance.RelyingParty vpn;
        final Login login;

        PendingLogin(ApplianceServer server) {
            this.server = server;
            this.appliance = server.client();
            this.user = Fixtures.unique("sig");
            this.phone = Fixtures.enrolledUser(server, user);
            this.vpn = Fixtures.relyingParty(server);
            this.login = Fixtures.startLogin(vpn, user);
        }

        String approveBody() {
            return Json.object("decision", "APPROVE", "number", login.displayNumber());
        }

        String wrongNumber() {
            return Fixtures.choices(phone, login.id()).stream()
                    .filter(number -> !number.equals(login.displayNumber())).findFirst().orElseThrow();
        }

        SignedCall call(String method, String path, String body) {
            return SignedCall.by(appliance, phone).request(method, path, body);
        }

        /** A correct approval by the phone, to be spoilt by the test. */
        SignedCall approval() {
            return call("POST", decisionPath(login.id()), approveBody());
        }

        void assertNothingChanged() {
            assertStillPending(vpn, login);
            assertEquals(0, Fixtures.successfulLogins(server, user), "no successful login was counted");
            assertEquals("ACTIVE", Fixtures.deviceState(server, user, phone.deviceId()));
        }

        void assertNothingChangedAndApprovable() {
            assertNothingChanged();
            Answer approved = phone.decide(login.id(), "APPROVE", login.displayNumber());
            assertEquals(200, approved.status(), approved::toString);
            assertEquals("APPROVED", approved.json().getString("status"));
            assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));
            assertEquals(1, Fixtures.successfulLogins(server, user));
        }
    }
}
