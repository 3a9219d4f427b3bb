package org.twofold.selfservice.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.dashboard.boundary.Messages;
import org.twofold.platform.control.RequestOrigin;
import org.twofold.selfservice.control.SelfDeactivation;
import org.twofold.selfservice.control.UserPasswords;

/** The self-service panel's door: what a user does with their directory password. */
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

    private String user;
    private String password;
    private boolean deactivated;

    /** The lost-phone emergency: the password alone switches the ID off, no device is asked. */
    public void deactivate() {
        String source = origin.sourceAddress();
        String typed = user == null ? "" : user.strip();
        if (typed.length() > MAX_USER) {
            typed = typed.substring(0, MAX_USER);
        }
        UserPasswords.Checked checked = passwords.check(typed, password == null ? "" : password, source);
        password = null;
        switch (checked.outcome()) {
            case ACCEPTED -> {
                deactivation.deactivate(checked.identity(), Actor.user(checked.identity().user(), source));
                deactivated = true;
            }
            case THROTTLED -> Messages.error("Too many wrong passwords for this name or from this address. Try again"
                    + " in 15 minutes, or call the helpdesk.");
            case UNAVAILABLE -> Messages.error("The directory cannot check your password right now. Try again in a"
                    + " minute, or call the helpdesk.");
            default -> {
                audit.recordRefusal(Actor.user(typed, source), "identity.self-deactivate", "identity:" + typed,
                        "wrong name or password");
                Messages.error("Wrong user name or password.");
            }
        }
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
