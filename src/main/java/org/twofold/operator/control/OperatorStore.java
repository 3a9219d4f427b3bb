package org.twofold.operator.control;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import org.twofold.operator.entity.Role;
import org.twofold.platform.control.RequestOrigin;

/** Operator credentials for Jakarta Security: the operator table, through {@link OperatorCredentials}. */
@ApplicationScoped
public class OperatorStore implements IdentityStore {

    @Inject
    OperatorCredentials credentials;

    @Inject
    RequestOrigin origin;

    /** Groups come with the validation result (default validation types); Jakarta Security maps them to roles. */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (credentials.check(login.getCaller(), login.getPasswordAsString(), origin.sourceAddress())
                instanceof OperatorCredentials.Valid valid) {
            return new CredentialValidationResult(valid.name(), groups(valid.roles()));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    public static Set<String> groups(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toSet());
    }
}
