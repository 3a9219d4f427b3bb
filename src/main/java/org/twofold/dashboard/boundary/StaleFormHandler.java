package org.twofold.dashboard.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Logger;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;

import org.primefaces.csp.CspException;

/**
 * A form whose view state the appliance does not know — the session ended, the appliance restarted, or a
 * forged cross-site post made one up — changes nothing (Faces restores no view, so no action runs), and
 * neither does an answer PrimeFaces cannot sign with the page's CSP nonce. The browser is sent to a fresh
 * copy of the page instead of an error page, and the log gets one line, not a stack trace anyone could fill
 * it with.
 */
public class StaleFormHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(StaleFormHandler.class.getName());

    public StaleFormHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        Iterator<ExceptionQueuedEvent> queued = getUnhandledExceptionQueuedEvents().iterator();
        while (queued.hasNext()) {
            Throwable cause = rootCause(queued.next().getContext().getException());
            if (cause instanceof ViewExpiredException) {
                queued.remove();
                reloadPage(cause);
            } else if (cause instanceof CspException) {
                // raised while the answer is being written: too late to redirect, the answer just ends
                queued.remove();
                log(cause);
                FacesContext.getCurrentInstance().responseComplete();
            }
        }
        super.handle();
    }

    private static void reloadPage(Throwable cause) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        log(cause);
        // the page as the servlet mapping saw it: the raw URI could start with '//' and lead off the appliance
        String page = request.getContextPath() + request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        try {
            external.redirect(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    private static void log(Throwable cause) {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        LOG.info(() -> "Refused a form for " + request.getServletPath() + " from " + request.getRemoteAddr() + ": "
                + cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")");
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause instanceof FacesException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new StaleFormHandler(getWrapped().getExceptionHandler());
        }
    }
}
