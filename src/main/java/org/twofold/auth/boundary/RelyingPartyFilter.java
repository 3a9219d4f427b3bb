package org.twofold.auth.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.twofold.auth.control.RelyingParties;
import org.twofold.platform.control.Refusal;

@Provider
@ApplicationScoped
@RelyingPartyAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class RelyingPartyFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    @Inject
    RelyingParties parties;

    @Inject
    CurrentRelyingParty current;

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw invalidKey();
        }
        current.authenticated(parties.byApiKey(authorization.substring(SCHEME.length()).trim())
                .orElseThrow(RelyingPartyFilter::invalidKey));
    }

    private static Refusal invalidKey() {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, "invalid-api-key",
                "A valid 'Authorization: Bearer <apiKey>' header is required");
    }
}
