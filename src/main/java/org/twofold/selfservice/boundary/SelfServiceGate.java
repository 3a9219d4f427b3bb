package org.twofold.selfservice.boundary;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.twofold.platform.boundary.Redirects;

/**
 * The panel's pages behind the sign-in: the approval page needs a sign-in whose password was right, the
 * panel itself an approved one. Everyone else goes back to the start page. Users are no operators: they get
 * no container principal and no role, so no operator page or admin call ever takes them.
 */
@WebFilter(urlPatterns = {SelfServiceGate.PANEL, SelfServiceGate.APPROVAL})
public class SelfServiceGate extends HttpFilter {

    static final String START = "/my/";
    static final String PANEL = "/my/home.xhtml";
    static final String APPROVAL = "/my/approve.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        boolean allowed = path.equals(PANEL)
                ? SignedInUser.of(request.getSession(false)).isPresent()
                : PendingSignIn.of(request.getSession(false)).isPresent();
        if (allowed) {
            chain.doFilter(request, response);
        } else {
            Redirects.to(request, response, START);
        }
    }
}
