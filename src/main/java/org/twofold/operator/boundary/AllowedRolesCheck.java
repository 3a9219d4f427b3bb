package org.twofold.operator.boundary;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Arrays;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.SecurityContext;

import org.twofold.operator.entity.Role;
import org.twofold.platform.control.Refusal;

/** Runs before the transaction starts: an operator without the role never reaches the logic. */
@AllowedRoles
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AllowedRolesCheck implements Serializable {

    @Inject
    transient SecurityContext security;

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        if (security.getCallerPrincipal() == null) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "unauthenticated", "Operator credentials are required");
        }
        Role[] allowed = allowedRoles(invocation.getMethod()).value();
        // "any operator" still means an operator role: a self-service user is authenticated too
        Role[] permittedRoles = allowed.length == 0 ? Role.values() : allowed;
        boolean permitted = Arrays.stream(permittedRoles).anyMatch(role -> security.isCallerInRole(role.name()));
        if (!permitted) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", "Your operator role does not allow this");
        }
        return invocation.proceed();
    }

    private static AllowedRoles allowedRoles(Method method) {
        AllowedRoles onMethod = method.getAnnotation(AllowedRoles.class);
        return onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(AllowedRoles.class);
    }
}
