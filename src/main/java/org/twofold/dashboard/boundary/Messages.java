package org.twofold.dashboard.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import org.twofold.platform.control.Refusal;

/**
 * Runs a dashboard action through the same boundary the admin API uses, and tells the operator how it went:
 * a refusal (a role that does not allow it, a state that forbids it) becomes an error message on the page
 * with the same words the API answers with.
 */
public final class Messages {

    private Messages() {
    }

    /** True when the action went through. */
    public static boolean run(Runnable action, String done) {
        try {
            action.run();
            info(done);
            return true;
        } catch (Refusal refused) {
            error(refused.title());
            return false;
        }
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    public static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }
}
