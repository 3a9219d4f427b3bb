package org.twofold.device.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.twofold.audit.entity.Actor;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.RequestOrigin;

/** The authenticated device of this request (set by the device filters). */
@RequestScoped
public class CurrentDevice {

    @Inject
    Identities identities;

    @Inject
    RequestOrigin origin;

    private Device device;
    private Identity identity;

    void authenticated(Device device) {
        this.device = device;
    }

    public Device device() {
        if (device == null) {
            throw new IllegalStateException("No device was authenticated for this request");
        }
        return device;
    }

    public String identityId() {
        return device().identityId();
    }

    public Identity identity() {
        if (identity == null) {
            identity = identities.byId(identityId());
        }
        return identity;
    }

    public Actor actor() {
        return Actor.device(device().id(), identity().user(), origin.sourceAddress());
    }
}
