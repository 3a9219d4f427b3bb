package org.twofold.selfservice.boundary;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;

import org.twofold.dashboard.boundary.Messages;
import org.twofold.dashboard.boundary.ShownOnce;
import org.twofold.device.boundary.DeviceView;
import org.twofold.identity.control.IssuedActivationCode;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.NotificationView;
import org.twofold.platform.control.ApplianceUrl;
import org.twofold.restore.control.RestoreLocks;

/** The signed-in user's panel: their phones, restore, a new phone, and what happened lately. */
@Named("home")
@ViewScoped
public class HomePage implements Serializable {

    @Inject
    SelfServiceActions actions;

    @Inject
    RestoreLocks restoreLocks;

    @Inject
    ApplianceUrl applianceUrl;

    @Inject
    ShownOnce shownOnce;

    private SignedInUser user;
    private String displayName;
    private boolean restoreActive;
    private boolean restoreLocked;
    private List<DeviceView> devices;
    private List<NotificationView> events;

    public void load() {
        user = SignedInUser.of((HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false))
                .orElse(null);
        if (user == null) {
            return;
        }
        Identity identity = actions.identity(user);
        displayName = identity.displayName() == null ? identity.user() : identity.displayName();
        restoreActive = identity.restoreActive();
        restoreLocked = restoreLocks.isLocked(identity);
        devices = actions.devices(user).stream().map(device -> DeviceView.of(device, user.approvedBy())).toList();
        events = actions.events(user);
    }

    public void unpair(String deviceId) {
        if (current() && Messages.run(() -> actions.unpair(user, deviceId),
                "The phone is unpaired: it can no longer approve logins.")) {
            load();
        }
    }

    public void block(String notificationId) {
        if (current() && Messages.run(() -> actions.block(user, notificationId),
                "That phone is blocked: it can approve nothing, and restore is locked until the helpdesk checks it.")) {
            load();
        }
    }

    public void addPhone() {
        if (current() && Messages.run(() -> {
            IssuedActivationCode code = actions.addPhone(user);
            shownOnce.show(code.code(), code.qr(applianceUrl.value()), code.expiresAt());
        }, "Scan this code with Twofold on the new phone. It works once.")) {
            load();
        }
    }

    public void signOut() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + SelfServiceGate.START);
    }

    /** The session may have ended between showing the page and the click. */
    private boolean current() {
        if (SignedInUser.of((HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false))
                .filter(signedIn -> signedIn.equals(user)).isEmpty()) {
            Messages.error("Your sign-in has ended. Sign in again.");
            return false;
        }
        return true;
    }

    public SignedInUser getUser() {
        return user;
    }

    public String getDisplayName() {
        return displayName;
    }

    public boolean isRestoreActive() {
        return restoreActive;
    }

    public boolean isRestoreLocked() {
        return restoreLocked;
    }

    public List<DeviceView> getDevices() {
        return devices;
    }

    public List<NotificationView> getEvents() {
        return events;
    }
}
