package org.twofold.policy.control;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.policy.entity.RestorePolicy;

/** The one place every flow asks what the restore policy allows for an identity. */
@ApplicationScoped
public class EffectivePolicies {

    @Inject
    RestorePolicies policies;

    @Inject
    Identities identities;

    public EffectivePolicy of(Identity identity) {
        return PolicyResolution.resolve(livePolicies(), identity.user(), identities.groupsOf(identity.id()));
    }

    public EffectivePolicy of(String identityId) {
        return of(identities.byId(identityId));
    }

    /** Resolves many identities against one reading of the policies (user name, normalised groups). */
    public BiFunction<String, Set<String>, EffectivePolicy> resolver() {
        List<RestorePolicy> live = livePolicies();
        return (user, groups) -> PolicyResolution.resolve(live, user, groups);
    }

    /** What holds before anyone knows whose user name was typed: the default policy alone. */
    public EffectivePolicy beforeIdentification() {
        return PolicyResolution.resolve(livePolicies().stream().filter(RestorePolicy::isDefault).toList(), "", Set.of());
    }

    private List<RestorePolicy> livePolicies() {
        return policies.live().stream().map(StoredPolicy::policy).toList();
    }
}
