package org.twofold.operator.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import org.twofold.audit.entity.Actor;
import org.twofold.platform.control.RequestOrigin;

/** The signed-in operator of this request, as an audit actor. */
@RequestScoped
public class CurrentOperator {

    @Inject
    SecurityContext security;

    @Inject
    RequestOrigin origin;

    public String name() {
        return security.getCallerPrincipal().getName();
    }

    public Actor actor() {
        return Actor.operator(name(), origin.sourceAddress());
    }
}
