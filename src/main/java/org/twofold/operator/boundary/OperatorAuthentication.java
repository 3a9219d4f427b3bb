package org.twofold.operator.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.twofold.operator.control.DirectoryOperators;
import org.twofold.operator.control.OperatorCredentials;
import org.twofold.operator.control.OperatorStore;
import org.twofold.operator.entity.Operator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.boundary.Redirects;

/**
 * Who an operator is, per request. The admin API takes HTTP Basic on every call; the dashboard under
 * {@code /admin} takes the session the sign-in page opened ({@link SignedInOperator}), and sends
 * everyone else to that page. Requests without either pass through unauthenticated (devices, relying
 * parties and the self-service panel use their own schemes); whether a call needs an operator is decided
 * by the web.xml constraints and by {@link AllowedRoles} on the boundary method.
 */
@ApplicationScoped
public class OperatorAuthentication implements HttpAuthenticationMechanism {

    private static final String BASIC = "Basic ";
    /** Only the admin API takes Basic credentials; elsewhere they are ignored unchecked (no slow hashing). */
    private static final String ADMIN_API = "/api/v1/admin/";
    private static final String DASHBOARD = "/admin/";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    OperatorCredentials credentials;

    @Inject
    DirectoryOperators directoryOperators;

    @Inject
    Clock clock;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(ADMIN_API)) {
            return basic(request, context);
        }
        if (path.startsWith(DASHBOARD) || path.equals("/admin")) {
            return dashboard(request, response, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return context.doNothing();
        }
        UsernamePasswordCredential credential = decode(authorization.substring(BASIC.length()).trim());
        if (credential == null) {
            return context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // An invalid login stays anonymous; the role check answers 401 as a problem document.
            return context.doNothing();
        }
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * A local operator's row is read on every request, so a deleted operator, a changed role or a new
     * password (which ends the sessions signed in before it) counts at once; a directory operator's groups
     * are read again every few minutes.
     */
    private AuthenticationStatus dashboard(HttpServletRequest request, HttpServletResponse response,
                                           HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Optional<SignedInOperator> signedIn = Optional.ofNullable(session).flatMap(SignedInOperator::of);
        Optional<Set<Role>> roles = signedIn.flatMap(operator -> currentRoles(operator, session));
        if (roles.isPresent()) {
            return context.notifyContainerAboutLogin(signedIn.get().name(), OperatorStore.groups(roles.get()));
        }
        if (signedIn.isPresent()) {
            session.invalidate();
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return toSignIn(request, response);
    }

    private Optional<Set<Role>> currentRoles(SignedInOperator signedIn, HttpSession session) {
        if (!signedIn.fromDirectory()) {
            return credentials.find(signedIn.name()).filter(found -> found.acceptsSessionFrom(signedIn.signedInAt()))
                    .map(Operator::roles);
        }
        Instant now = clock.instant();
        if (signedIn.rolesDue(now)) {
            SignedInOperator checked = directoryOperators.currentRoles(signedIn.directoryConnectionId(), signedIn.name())
                    .map(current -> signedIn.withRoles(current, now))
                    .orElseGet(() -> signedIn.unconfirmed(now));
            checked.keepIn(session);
            return checked.roles().isEmpty() ? Optional.empty() : Optional.of(checked.roles());
        }
        return Optional.of(signedIn.roles());
    }

    private static AuthenticationStatus toSignIn(HttpServletRequest request, HttpServletResponse response) {
        try {
            Redirects.to(request, response, SignInPage.PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send the sign-in redirect", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static UsernamePasswordCredential decode(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
