package org.twofold.platform.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Where the current request came from, for audit entries and per-source limits. */
@RequestScoped
public class RequestOrigin {

    @Inject
    HttpServletRequest request;

    public String sourceAddress() {
        return request.getRemoteAddr();
    }
}
