package org.twofold.policy.control;

import java.time.Instant;

import org.twofold.policy.entity.RestorePolicy;

/** A policy as saved: its settings, and which version it is, who saved it, when and what changed. */
public record StoredPolicy(RestorePolicy policy, int version, boolean deleted, String changedBy, Instant changedAt,
                           String changeNote) {
}
