package org.twofold.operator.control;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.operator.entity.Operator;
import org.twofold.operator.entity.Role;

/**
 * {@code twofoldctl reset-admin-password}: whoever runs the appliance's machine gets an administrator back when
 * every administrator is locked out or has forgotten the password. The named operator gets a new generated
 * password (shown once), loses any sign-in lock and has the ADMIN role; one that no longer exists is created
 * with every role. Its dashboard sessions end.
 */
@ApplicationScoped
public class OperatorRecovery {

    @Inject
    Operators operators;

    @Inject
    SignInThrottle throttle;

    @Inject
    SecretCodes codes;

    @Inject
    AuditTrail audit;

    @Transactional
    public String resetPassword(String name, Actor actor) {
        String password = codes.groupedCode(100);
        if (operators.find(name).isEmpty()) {
            operators.create(name, password, EnumSet.allOf(Role.class));
            audit.record(actor, "operator.create", "operator:" + name, Outcome.SUCCESS, "reset-admin-password");
            return password;
        }
        Operator operator = operators.changePassword(name, password);
        if (!operator.roles().contains(Role.ADMIN)) {
            Set<Role> roles = EnumSet.copyOf(operator.roles());
            roles.add(Role.ADMIN);
            operators.changeRoles(name, roles, actor.name());
        }
        throttle.unlockName(name);
        audit.record(actor, "operator.password", "operator:" + name, Outcome.SUCCESS, "reset-admin-password");
        return password;
    }
}
