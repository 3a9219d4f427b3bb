package org.twofold.restore.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;

/** Why restore may be shut for an identity, and the operator's way to open it again. */
@ApplicationScoped
public class RestoreLocks {

    @Inject
    AttemptGuard guard;

    @Inject
    RestoreCodes restoreCodes;

    @Inject
    AuditTrail audit;

    /** Locked by too many failed guesses, or by a blocked newcomer from a restore or duplication. */
    public boolean isLocked(Identity identity) {
        return guard.isLocked(identity.user()) || restoreCodes.isLockedByBlock(identity.id());
    }

    public void unlock(Identity identity, Actor actor) {
        guard.unlock(identity.user());
        restoreCodes.unlockAfterBlock(identity.id());
        audit.record(actor, "restore.unlock", Identities.target(identity), Outcome.SUCCESS, null);
    }
}
