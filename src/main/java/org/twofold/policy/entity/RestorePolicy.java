package org.twofold.policy.entity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A restore policy as a security officer wrote it: to whom it applies (directory groups, single users),
 * its priority, and the settings it decides — the ones it leaves out are inherited.
 */
public record RestorePolicy(String name, int priority, List<String> groups, List<String> users,
                            Map<PolicySetting, Object> settings) {

    public static final String DEFAULT = "default";

    public RestorePolicy {
        groups = List.copyOf(groups);
        users = List.copyOf(users);
        settings = settings.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(settings));
    }

    public boolean isDefault() {
        return DEFAULT.equals(name);
    }

    public Optional<Object> setting(PolicySetting setting) {
        return Optional.ofNullable(settings.get(setting));
    }
}
