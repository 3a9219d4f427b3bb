package org.twofold.auth.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.twofold.audit.entity.Actor;
import org.twofold.auth.entity.RelyingParty;
import org.twofold.platform.control.RequestOrigin;

@RequestScoped
public class CurrentRelyingParty {

    @Inject
    RequestOrigin origin;

    private RelyingParty party;

    void authenticated(RelyingParty party) {
        this.party = party;
    }

    public RelyingParty party() {
        if (party == null) {
            throw new IllegalStateException("No relying party was authenticated for this request");
        }
        return party;
    }

    public Actor actor() {
        return Actor.relyingParty(party().name(), origin.sourceAddress());
    }
}
