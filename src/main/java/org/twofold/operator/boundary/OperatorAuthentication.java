package org.twofold.operator.boundary;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

/**
 * Operators authenticate to the admin API with HTTP Basic. Requests without Basic credentials pass
 * through unauthenticated (devices and relying parties use their own schemes); whether a call needs an
 * operator is decided by {@link AllowedRoles} on the boundary method.
 */
@ApplicationScoped
public class OperatorAuthentication implements HttpAuthenticationMechanism {

    private static final String BASIC = "Basic ";
    /** Only the admin API takes Basic credentials; elsewhere they are ignored unchecked (no slow hashing). */
    private static final String ADMIN_API = "/api/v1/admin/";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (!request.getRequestURI().startsWith(request.getContextPath() + ADMIN_API)
                || authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
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
