package org.twofold.restore.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.control.Enrollment;
import org.twofold.device.entity.BoundVia;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.DeviceEvent;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.NotificationType;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.control.EffectivePolicies;
import org.twofold.policy.control.EffectivePolicy;
import org.twofold.restore.entity.ClaimStatus;
import org.twofold.restore.entity.DuplicationClaim;
import org.twofold.restore.entity.DuplicationOffer;

/**
 * Duplication by QR (promise 2): the old device offers, the new device claims, the old device confirms
 * the claim whose fingerprint both show, and only then is the new device bound. The new device fetches
 * its token once with the claim secret that only it holds.
 */
@ApplicationScoped
public class Duplications {

    static final Duration OFFER_LIFETIME = Duration.ofSeconds(120);
    private static final String NO_SECRET = "no-secret";

    @PersistenceContext
    EntityManager em;

    @Inject
    EffectivePolicies policies;

    @Inject
    Identities identities;

    @Inject
    DeviceRegistry devices;

    @Inject
    Notifications notifications;

    @Inject
    SecretCodes codes;

    @Inject
    SecretHasher hasher;

    @Inject
    AuditTrail audit;

    @Inject
    Event<DeviceEvent> deviceEvents;

    @Inject
    Clock clock;

    public DuplicationOfferCreated offer(Device offering, String applianceUrl, Actor actor) {
        Identity identity = identities.byId(offering.identityId());
        Identities.requireActive(identity);
        requireRoomForOneMore(identity);
        String secret = codes.token("", 24);
        Instant now = clock.instant();
        DuplicationOffer offer = new DuplicationOffer(identity.id(), offering.id(),
                hasher.hash(SecretPurpose.DUPLICATION_SECRET, secret), now, now.plus(OFFER_LIFETIME));
        em.persist(offer);
        audit.record(actor, "duplication.offer", Identities.target(identity), Outcome.SUCCESS, null);
        String link = "twofold://dup?h=" + URLEncoder.encode(applianceUrl, StandardCharsets.UTF_8)
                + "&o=" + offer.id() + "&s=" + secret;
        return new DuplicationOfferCreated(offer.id(), secret, link, offer.expiresAt());
    }

    /**
     * The new device claims an open offer with the QR's secret. One claim per offer: whoever scans second
     * (or guesses) gets the same refusal as for a wrong secret.
     */
    public ClaimCreated claim(String offerId, String secret, NewDeviceKeyMaterial newDevice, Actor actor) {
        DuplicationOffer offer = em.find(DuplicationOffer.class, offerId);
        Instant now = clock.instant();
        boolean right = hasher.matches(SecretPurpose.DUPLICATION_SECRET, secret, offer == null ? NO_SECRET : offer.secretHash())
                && offer.isOpen(now) && markClaimed(offer);
        if (!right) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid-duplication-offer",
                    "The duplication QR is unknown, already used or expired");
        }
        String claimSecret = codes.token("", 32);
        String tokenHash = devices.tokenHash(devices.derivedToken(claimSecret));
        DuplicationClaim claim = new DuplicationClaim(offer, newDevice.publicKey(), newDevice.deviceName(),
                newDevice.platform(), hasher.hash(SecretPurpose.CLAIM_SECRET, claimSecret), tokenHash,
                Fingerprint.of(newDevice.publicKey()), now);
        em.persist(claim);
        deviceEvents.fire(new DeviceEvent(offer.identityId(), PendingDuplication.of(claim)));
        audit.record(actor, "duplication.claim", Identities.target(identities.byId(offer.identityId())), Outcome.SUCCESS,
                newDevice.deviceName() + ", fingerprint " + claim.fingerprint());
        return new ClaimCreated(claim.id(), claimSecret, claim.fingerprint());
    }

    /** An old device of the identity confirms: the claiming device is bound now, in this transaction. */
    public Device confirm(String offerId, String claimId, Device confirming, Actor actor) {
        DuplicationClaim claim = pendingClaimOf(offerId, claimId, confirming);
        Identity identity = identities.byId(claim.identityId());
        Identities.requireActive(identity);
        requireRoomForOneMore(identity);
        if (!decideOnce(claim, ClaimStatus.CONFIRMED)) {
            throw claimClosed();
        }
        Device device = devices.bindWithToken(identity.id(), claim.publicKey(), claim.deviceName(), claim.platform(),
                BoundVia.DUPLICATION_QR, claim.tokenHash());
        em.createQuery("UPDATE DuplicationClaim c SET c.deviceId = :device WHERE c.id = :id")
                .setParameter("device", device.id())
                .setParameter("id", claim.id())
                .executeUpdate();
        notifications.announce(identity.id(), NotificationType.DEVICE_DUPLICATED, device.id(), device.name());
        audit.record(actor, "duplication.confirm", DeviceRegistry.target(device, identity.user()), Outcome.SUCCESS,
                "fingerprint " + claim.fingerprint());
        return device;
    }

    public void reject(String offerId, String claimId, Device rejecting, Actor actor) {
        DuplicationClaim claim = pendingClaimOf(offerId, claimId, rejecting);
        if (!decideOnce(claim, ClaimStatus.REJECTED)) {
            throw claimClosed();
        }
        audit.record(actor, "duplication.reject", Identities.target(identities.byId(claim.identityId())), Outcome.SUCCESS,
                "fingerprint " + claim.fingerprint());
    }

    /** The claiming device polls; after confirmation it receives its token exactly once. */
    public ClaimState state(String offerId, String claimId, String claimSecret) {
        DuplicationClaim claim = em.find(DuplicationClaim.class, claimId);
        boolean own = hasher.matches(SecretPurpose.CLAIM_SECRET, claimSecret == null ? "" : claimSecret,
                claim == null ? NO_SECRET : claim.claimSecretHash()) && claim.offerId().equals(offerId);
        if (!own) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown-claim", "No such duplication claim");
        }
        ClaimStatus status = claim.statusAt(clock.instant());
        if (status != ClaimStatus.CONFIRMED) {
            return new ClaimState(status.name(), null, null, null);
        }
        boolean firstFetch = em.createQuery("UPDATE DuplicationClaim c SET c.tokenDelivered = TRUE"
                        + " WHERE c.id = :id AND c.tokenDelivered = FALSE")
                .setParameter("id", claim.id())
                .executeUpdate() == 1;
        return new ClaimState(status.name(), claim.deviceId(), firstFetch ? devices.derivedToken(claimSecret) : null,
                identities.byId(claim.identityId()).user());
    }

    public List<PendingDuplication> pendingFor(String identityId) {
        return em.createQuery("SELECT c FROM DuplicationClaim c WHERE c.identityId = :identity AND c.status = :pending"
                        + " AND c.expiresAt > :now ORDER BY c.createdAt", DuplicationClaim.class)
                .setParameter("identity", identityId)
                .setParameter("pending", ClaimStatus.PENDING)
                .setParameter("now", clock.instant())
                .getResultStream().map(PendingDuplication::of).toList();
    }

    /** Policy decides at the offer and again at the confirmation (it may have changed in between). */
    private void requireRoomForOneMore(Identity identity) {
        EffectivePolicy policy = policies.of(identity);
        if (!policy.duplicationAllowed()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "duplication-prohibited", "Duplication is prohibited by policy for this identity");
        }
        if (devices.activeDevicesOf(identity.id()).size() >= policy.maxDevicesPerIdentity()) {
            throw Enrollment.tooManyDevices();
        }
    }

    private DuplicationClaim pendingClaimOf(String offerId, String claimId, Device device) {
        DuplicationClaim claim = Optional.ofNullable(em.find(DuplicationClaim.class, claimId))
                .filter(c -> c.offerId().equals(offerId) && c.identityId().equals(device.identityId()))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-claim", "No such duplication claim"));
        if (claim.statusAt(clock.instant()) != ClaimStatus.PENDING) {
            throw claimClosed();
        }
        return claim;
    }

    private boolean markClaimed(DuplicationOffer offer) {
        return em.createQuery("UPDATE DuplicationOffer o SET o.claimed = TRUE WHERE o.id = :id AND o.claimed = FALSE")
                .setParameter("id", offer.id())
                .executeUpdate() == 1;
    }

    private boolean decideOnce(DuplicationClaim claim, ClaimStatus decision) {
        return em.createQuery("UPDATE DuplicationClaim c SET c.status = :decision"
                        + " WHERE c.id = :id AND c.status = :pending AND c.expiresAt > :now")
                .setParameter("decision", decision)
                .setParameter("id", claim.id())
                .setParameter("pending", ClaimStatus.PENDING)
                .setParameter("now", clock.instant())
                .executeUpdate() == 1;
    }

    private static Refusal claimClosed() {
        return new Refusal(Refusal.Kind.CONFLICT, "claim-closed", "This duplication claim was already decided or has expired");
    }
}
