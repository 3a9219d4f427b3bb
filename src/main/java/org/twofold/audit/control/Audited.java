package org.twofold.audit.control;

import org.twofold.audit.entity.Outcome;

/**
 * Fired inside the transaction that writes an audit entry; observers that count what happened wait for
 * its commit, so a rolled-back action is never counted.
 */
public record Audited(String action, Outcome outcome) {
}
