package org.twofold.selfservice.boundary;

import java.io.IOException;
import java.time.Clock;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.twofold.auth.entity.AuthStatus;
import org.twofold.selfservice.control.SelfSignIn;

/** Waits, polled by the page, for the phone's decision on the self-service sign-in. */
@Named("phoneApproval")
@RequestScoped
public class ApprovalPage {

    @Inject
    SelfSignIn signIns;

    @Inject
    Clock clock;

    private AuthStatus status = AuthStatus.PENDING;

    public PendingSignIn getPending() {
        return PendingSignIn.of(session()).orElse(null);
    }

    /**
     * An approval opens the panel in a new session, so a session id planted before the sign-in is worth
     * nothing after it; any other decision ends the attempt.
     */
    public void check() throws IOException {
        PendingSignIn pending = getPending();
        if (pending == null) {
            status = AuthStatus.CANCELLED;
            return;
        }
        SelfSignIn.Decision decision = signIns.decision(pending.authSessionId());
        status = decision.status();
        if (status == AuthStatus.PENDING) {
            return;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.getSession().invalidate();
        if (status == AuthStatus.APPROVED) {
            request.getSession(true).setAttribute(SignedInUser.ATTRIBUTE, new SignedInUser(pending.user(),
                    pending.identityId(), decision.deviceId(), clock.instant()));
            external.redirect(external.getRequestContextPath() + SelfServiceGate.PANEL);
        }
    }

    public boolean isEnded() {
        return status != AuthStatus.PENDING && status != AuthStatus.APPROVED;
    }

    public String getStatus() {
        return status.name();
    }

    private static HttpSession session() {
        return (HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false);
    }
}
