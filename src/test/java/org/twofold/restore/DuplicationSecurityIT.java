package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.DuplicationSteps.claim;
import static org.twofold.restore.DuplicationSteps.fetch;
import static org.twofold.restore.DuplicationSteps.offer;
import static org.twofold.restore.RestoreFixtures.devices;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.restore.DuplicationSteps.Claim;
import org.twofold.restore.DuplicationSteps.Offer;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Concurrently;
import org.twofold.testing.Fixtures;

/**
 * Promise 2 under attack: only the one device that scanned the QR can claim the offer, only a device of the
 * same identity can confirm or reject the claim, and nothing but a confirmed claim ever becomes a device —
 * whose token is handed over once, to the holder of the claim secret.
 *
 * <p>Not covered here: offers and claims expiring after 120 s (a test must not wait that long and the
 * appliance's clock cannot be moved from outside); the expiry is part of the conditional updates in
 * {@code Duplications} ({@code expiresAt > now}) and of {@code DuplicationClaim.statusAt}.
 */
@ExtendWith(ApplianceExtension.class)
class DuplicationSecurityIT {

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private DeviceSimulator phone;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("dup");
        phone = Fixtures.enrolledUser(server, user);
    }

    @Test
    void aWrongSecretOrUnknownOfferIsRefusedAndTheOfferStaysForItsOwner() {
        Offer offer = offer(phone);
        DeviceSimulator guesser = appliance.newDevice("guesser");
        assertProblem(guesser.claimDuplication(offer.offerId(), offer.secret() + "x"), 400, "invalid-duplication-offer");
        assertProblem(guesser.claimDuplication(offer.offerId(), "A" + offer.secret().substring(1)), 400,
                "invalid-duplication-offer");
        assertProblem(guesser.claimDuplication(UUID.randomUUID().toString(), offer.secret()), 400, "invalid-duplication-offer");

        claim(appliance.newDevice("tablet"), offer);
    }

    @Test
    void anOfferIsClaimedOnceEvenByTenDevicesAtOnce() {
        Offer offer = offer(phone);
        List<Answer> claims = Concurrently.run(10,
                i -> appliance.newDevice("scanner " + i).claimDuplication(offer.offerId(), offer.secret()));

        Map<Integer, Long> byStatus = claims.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertEquals(Map.of(202, 1L, 400, 9L), byStatus);
        claims.stream().filter(answer -> answer.status() == 400)
                .forEach(answer -> assertProblem(answer, 400, "invalid-duplication-offer"));
        assertProblem(appliance.newDevice("late").claimDuplication(offer.offerId(), offer.secret()), 400,
                "invalid-duplication-offer");
        assertEquals(1, pendingDuplications(phone).size(), "one claim waits for confirmation");
    }

    @Test
    void aDeviceOfAnotherIdentityCanNeitherConfirmNorReject() {
        DeviceSimulator tablet = appliance.newDevice("tablet");
        Claim claim = claim(tablet, offer(phone));
        DeviceSimulator stranger = Fixtures.enrolledUser(server, Fixtures.unique("dup-other"));

        assertProblem(stranger.confirmDuplication(claim.offerId(), claim.claimId()), 404, "unknown-claim");
        assertProblem(stranger.rejectDuplication(claim.offerId(), claim.claimId()), 404, "unknown-claim");
        assertTrue(pendingDuplications(stranger).isEmpty(), "the stranger is not even shown the claim");
        assertEquals("PENDING", fetch(tablet, claim).expect(200).json().getString("status"));
        assertEquals(1, devices(server, user).size());

        phone.confirmDuplication(claim.offerId(), claim.claimId()).expect(200);
        fetch(tablet, claim).expect(200);
        tablet.inbox().expect(200);
    }

    @Test
    void aRejectedClaimNeverBecomesADevice() {
        DeviceSimulator tablet = appliance.newDevice("tablet");
        Claim claim = claim(tablet, offer(phone));

        assertEquals("REJECTED", phone.rejectDuplication(claim.offerId(), claim.claimId()).expect(200).json().getString("status"));

        JsonObject state = fetch(tablet, claim).expect(200).json();
        assertEquals("REJECTED", state.getString("status"));
        assertTrue(state.isNull("deviceToken") && state.isNull("deviceId"), state::toString);
        assertNull(tablet.token());
        assertProblem(phone.confirmDuplication(claim.offerId(), claim.claimId()), 409, "claim-closed");
        assertProblem(phone.rejectDuplication(claim.offerId(), claim.claimId()), 409, "claim-closed");
        assertEquals("REJECTED", fetch(tablet, claim).expect(200).json().getString("status"));
        assertEquals(1, devices(server, user).size(), "no device was bound");
        assertTrue(pendingDuplications(phone).isEmpty());
    }

    @Test
    void anUnconfirmedClaimNeverBecomesADevice() {
        DeviceSimulator tablet = appliance.newDevice("tablet");
        Claim claim = claim(tablet, offer(phone));
        for (int poll = 0; poll < 3; poll++) {
            JsonObject state = fetch(tablet, claim).expect(200).json();
            assertEquals("PENDING", state.getString("status"));
            assertTrue(state.isNull("deviceToken") && state.isNull("deviceId"), state::toString);
        }
        assertNull(tablet.token());
        assertEquals(1, devices(server, user).size());
        JsonObject pending = pendingDuplications(phone).get(0);
        assertEquals(claim.claimId(), pending.getString("claimId"));
        assertEquals(claim.fingerprint(), pending.getString("fingerprint"));
    }

    @Test
    void theTokenIsHandedOverOnceAndOnlyToTheHolderOfTheClaimSecret() {
        DeviceSimulator tablet = appliance.newDevice("tablet");
        Claim claim = claim(tablet, offer(phone));
        phone.confirmDuplication(claim.offerId(), claim.claimId()).expect(200);

        assertProblem(tablet.fetchClaim(claim.offerId(), claim.claimId(), claim.claimSecret() + "x"), 404, "unknown-claim");
        assertProblem(tablet.fetchClaim(claim.offerId(), claim.claimId(), ""), 404, "unknown-claim");
        assertProblem(appliance.request("GET", "/api/v1/duplications/" + claim.offerId() + "/claims/" + claim.claimId(), null),
                404, "unknown-claim");
        assertProblem(tablet.fetchClaim(UUID.randomUUID().toString(), claim.claimId(), claim.claimSecret()), 404, "unknown-claim");

        JsonObject first = fetch(tablet, claim).expect(200).json();
        assertEquals("CONFIRMED", first.getString("status"));
        assertNotNull(tablet.token());
        assertEquals(tablet.deviceId(), first.getString("deviceId"));
        JsonObject second = fetch(tablet, claim).expect(200).json();
        assertEquals("CONFIRMED", second.getString("status"));
        assertTrue(second.isNull("deviceToken"), "the token is handed over once: " + second);

        JsonObject self = tablet.devices().expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getBoolean("current")).findFirst().orElseThrow();
        assertEquals("DUPLICATION_QR", self.getString("boundVia"));
    }

    @Test
    void confirmAndRejectRacingDecideOnce() {
        DeviceSimulator tablet = appliance.newDevice("tablet");
        Claim claim = claim(tablet, offer(phone));
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");

        List<Answer> decisions = Concurrently.run(20, i -> (i % 2 == 0 ? phone : laptop).signed("POST",
                "/api/v1/device/duplications/" + claim.offerId() + (i % 4 < 2 ? "/confirm" : "/reject"),
                "{\"claimId\":\"" + claim.claimId() + "\"}", true));

        List<Answer> won = decisions.stream().filter(answer -> answer.status() == 200).toList();
        assertEquals(1, won.size(), () -> "exactly one decision wins: " + decisions);
        decisions.stream().filter(answer -> answer.status() != 200).forEach(answer -> assertProblem(answer, 409, "claim-closed"));
        String outcome = won.get(0).json().getString("status");
        assertEquals(outcome, fetch(tablet, claim).expect(200).json().getString("status"));
        long active = devices(server, user).stream().filter(d -> d.getString("state").equals("ACTIVE")).count();
        assertEquals(outcome.equals("CONFIRMED") ? 3 : 2, active, "phone, laptop and the tablet only if confirmed");
    }

    private static List<JsonObject> pendingDuplications(DeviceSimulator device) {
        return device.inbox().expect(200).json().getJsonArray("pending").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("type").equals("CONFIRM_DUPLICATION")).toList();
    }
}
