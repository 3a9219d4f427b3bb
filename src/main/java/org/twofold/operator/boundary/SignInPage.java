package org.twofold.operator.boundary;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.control.TypedNames;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.operator.control.OperatorCredentials;
import org.twofold.platform.control.RequestOrigin;

/** The dashboard's sign-in and sign-out. */
@Named("signIn")
@RequestScoped
public class SignInPage {

    static final String PATH = "/admin/login.xhtml";
    private static final String HOME = "/admin/";
    private static final int MAX_NAME = 64;

    @Inject
    OperatorCredentials credentials;

    @Inject
    RequestOrigin origin;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    private String name;
    private String password;

    /**
     * A new session for the signed-in operator, so a session id planted before the sign-in is worth nothing
     * after it.
     */
    public void signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        String source = origin.sourceAddress();
        String typed = name == null ? "" : name.strip();
        if (typed.length() > MAX_NAME) {
            typed = typed.substring(0, MAX_NAME);
        }
        OperatorCredentials.Check check = credentials.checkForDashboard(typed, password == null ? "" : password, source);
        password = null;
        if (check instanceof OperatorCredentials.Valid valid) {
            ExternalContext external = faces.getExternalContext();
            HttpServletRequest request = (HttpServletRequest) external.getRequest();
            HttpSession before = request.getSession(false);
            if (before != null) {
                before.invalidate();
            }
            Instant now = clock.instant();
            new SignedInOperator(valid.name(), now, valid.directoryConnectionId(), Set.copyOf(valid.roles()), now, now)
                    .keepIn(request.getSession(true));
            audit.recordSeparately(Actor.operator(valid.name(), source), "operator.signed-in", "operator:" + valid.name(),
                    Outcome.SUCCESS, valid.directoryConnectionId() == null ? "dashboard"
                            : "dashboard, roles " + valid.roles() + " from directory groups");
            external.redirect(external.getRequestContextPath() + HOME);
            return;
        }
        boolean throttled = check instanceof OperatorCredentials.Throttled;
        if (!throttled) {
            // a locked name's further attempts are not written: they would let anyone grow the audit trail at will
            String named = TypedNames.auditable(typed);
            audit.recordRefusal(Actor.operator(named, source), "operator.sign-in-refused", "operator:" + named,
                    "wrong name or password");
        }
        String why = throttled
                ? "Too many wrong passwords for this name or from this address. Sign-in is locked for at least"
                        + " 15 minutes; another administrator can reset your password meanwhile."
                : "Wrong operator name or password.";
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, why, null));
    }

    public void signOut() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + PATH + "?signedOut=true");
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
