package org.twofold.restore;

import jakarta.json.JsonObject;

import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;

/** Duplication by QR through the public protocol: offer on the old device, claim, confirm, fetch. */
final class DuplicationSteps {

    private DuplicationSteps() {
    }

    /** An offer as the old device shows it: id and the secret its QR link carries. */
    record Offer(String offerId, String secret) {
    }

    record Claim(String offerId, String claimId, String claimSecret, String fingerprint) {
    }

    static Offer offer(DeviceSimulator oldDevice) {
        JsonObject offer = oldDevice.offerDuplication().expect(201).json();
        String link = offer.getString("qr");
        String secret = link.substring(link.indexOf("&s=") + 3);
        return new Offer(offer.getString("offerId"), secret);
    }

    static Claim claim(DeviceSimulator newDevice, Offer offer) {
        JsonObject claim = newDevice.claimDuplication(offer.offerId(), offer.secret()).expect(202).json();
        return new Claim(offer.offerId(), claim.getString("claimId"), claim.getString("claimSecret"),
                claim.getString("fingerprint"));
    }

    static Answer fetch(DeviceSimulator newDevice, Claim claim) {
        return newDevice.fetchClaim(claim.offerId(), claim.claimId(), claim.claimSecret());
    }

    /** The whole duplication; answers the new device, holding its token. */
    static DeviceSimulator duplicate(Appliance appliance, DeviceSimulator oldDevice, String name) {
        DeviceSimulator newDevice = appliance.newDevice(name);
        Claim claim = claim(newDevice, offer(oldDevice));
        oldDevice.confirmDuplication(claim.offerId(), claim.claimId()).expect(200);
        fetch(newDevice, claim).expect(200);
        if (newDevice.token() == null) {
            throw new AssertionError("the confirmed claim handed over no token");
        }
        return newDevice;
    }
}
