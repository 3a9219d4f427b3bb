package org.twofold.selfservice.boundary;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.control.TypedNames;
import org.twofold.audit.entity.Actor;
import org.twofold.dashboard.boundary.Messages;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.Refusal;
import org.twofold.platform.control.RequestOrigin;
import org.twofold.selfservice.control.SelfDeactivation;
import org.twofold.selfservice.control.SelfSignIn;
import org.twofold.selfservice.control.UserPasswords;

/** The self-service panel's start page: what a user does with their directory password. */
@Named("selfService")
@RequestScoped
public class SelfServicePage {

    private static final int MAX_USER = 128;

    @Inject
    UserPasswords passwords;

    @Inject
    SelfDeactivation deactivation;

    @Inject
    RequestOrigin origin;

    @Inject
    AuditTrail audit;

    @Inject
    SelfSignIn signIns;

    private String user;
    private String password;
    private boolean deactivated;

    /** The lost-phone emergency: the password alone switches the ID off, no device is asked. */
    public void deactivate() {
        String source = origin.sourceAddress();
        checkPassword("identity.self-deactivate").ifPresent(identity -> {
            deactivation.deactivate(identity, Actor.user(identity.user(), source));
            deactivated = true;
        });
    }

    /** The password first, then a login request to the user's phones; the approval page waits for it. */
    public void signIn() throws IOException {
        Optional<Identity> identity = checkPassword("self-service.sign-in");
        if (identity.isEmpty()) {
            return;
        }
        try {
            SelfSignIn.Started started = signIns.start(identity.get());
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.getSessionMap().put(PendingSignIn.ATTRIBUTE, new PendingSignIn(identity.get().user(),
                    identity.get().id(), started.authSessionId(), started.displayNumber()));
            external.redirect(external.getRequestContextPath() + SelfServiceGate.APPROVAL);
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    private Optional<Identity> checkPassword(String action) {
        String source = origin.sourceAddress();
        String typed = user == null ? "" : user.strip();
        if (typed.length() > MAX_USER) {
            typed = typed.substring(0, MAX_USER);
        }
        UserPasswords.Checked checked = passwords.check(typed, password == null ? "" : password, source);
        password = null;
        switch (checked.outcome()) {
            case ACCEPTED -> {
                return Optional.of(checked.identity());
            }
            case THROTTLED -> Messages.error("Too many wrong passwords for this name or from this address. Try again"
                    + " in 15 minutes, or call the helpdesk.");
            case UNAVAILABLE -> Messages.error("The directory cannot check your password right now. Try again in a"
                    + " minute, or call the helpdesk.");
            default -> {
                String named = TypedNames.auditable(typed);
                audit.recordRefusal(Actor.user(named, source), action, "identity:" + named, "wrong name or password");
                Messages.error("Wrong user name or password.");
            }
        }
        return Optional.empty();
    }

    public boolean isDeactivated() {
        return deactivated;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
