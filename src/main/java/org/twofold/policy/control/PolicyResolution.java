package org.twofold.policy.control;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.twofold.identity.entity.GroupDn;
import org.twofold.policy.entity.PolicySetting;
import org.twofold.policy.entity.RestorePolicy;

/**
 * Resolves the effective policy of one identity: of the policies that apply to it (assigned to its user
 * name or to one of its directory groups, and always {@code default}), each setting comes from the one
 * with the highest priority that sets it. Priorities of live policies are unique, so the result never
 * depends on the order policies were loaded in — a user in two conflicting groups gets the settings of
 * the group policy with the higher priority, and what that policy leaves out from the next one down.
 */
public final class PolicyResolution {

    private PolicyResolution() {
    }

    public static EffectivePolicy resolve(Collection<RestorePolicy> livePolicies, String user, Set<String> groups) {
        List<Applying> applying = livePolicies.stream()
                .flatMap(policy -> appliesVia(policy, user, groups).map(via -> new Applying(policy, via)).stream())
                .sorted(Comparator.comparingInt((Applying a) -> a.policy().priority()).reversed()
                        .thenComparing(a -> a.policy().name()))
                .toList();
        Map<PolicySetting, Object> values = new EnumMap<>(PolicySetting.class);
        Map<PolicySetting, EffectivePolicy.Decision> explain = new EnumMap<>(PolicySetting.class);
        for (PolicySetting setting : PolicySetting.values()) {
            Applying decider = applying.stream()
                    .filter(a -> a.policy().setting(setting).isPresent() && (!setting.globalOnly() || a.policy().isDefault()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The default policy does not set " + setting.jsonName()));
            values.put(setting, decider.policy().settings().get(setting));
            explain.put(setting, new EffectivePolicy.Decision(decider.policy().name(), decider.policy().priority(), decider.via()));
        }
        return new EffectivePolicy(values, explain);
    }

    /** Why the policy applies to this identity, if it does; a user assignment names the reason before a group. */
    static Optional<String> appliesVia(RestorePolicy policy, String user, Set<String> groups) {
        if (policy.isDefault()) {
            return Optional.of("default");
        }
        if (policy.users().contains(user)) {
            return Optional.of("user " + user);
        }
        return policy.groups().stream()
                .filter(group -> groups.contains(GroupDn.normalize(group)))
                .findFirst()
                .map(group -> "group " + group);
    }

    private record Applying(RestorePolicy policy, String via) {
    }
}
