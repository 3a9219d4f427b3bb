package org.twofold.audit.control;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Tag;
import org.twofold.audit.entity.Outcome;

/**
 * The audited actions operators watch as Prometheus counters ({@code twofold_<name>_total}): the audit
 * entry is written where the action is decided, so counting entries counts decisions.
 */
enum CountedAction {

    LOGIN_APPROVED("login.decide", Outcome.SUCCESS, "twofold.logins.approved",
            "Logins a device approved with the number the relying party showed"),
    LOGIN_DENIED("login.decide", Outcome.DENIED, "twofold.logins.denied",
            "Logins a device denied, or approved with a wrong number"),
    RESTORE_STARTED("restore.start", Outcome.SUCCESS, "twofold.restores.started",
            "Restores whose first step (user name and restore code) passed; a one-time code went out"),
    RESTORE_START_FAILED("restore.start", Outcome.DENIED, "twofold.restores.failed", "step", "start",
            CountedAction.RESTORE_FAILED),
    RESTORE_COMPLETED("restore.complete", Outcome.SUCCESS, "twofold.restores.completed",
            "Restores completed: a new device bound with restore code and one-time code"),
    RESTORE_COMPLETE_FAILED("restore.complete", Outcome.DENIED, "twofold.restores.failed", "step", "complete",
            CountedAction.RESTORE_FAILED),
    DUPLICATION_CONFIRMED("duplication.confirm", Outcome.SUCCESS, "twofold.duplications",
            "Devices added by duplication: QR scanned by the new device, confirmed on the old one"),
    DEVICE_BLOCKED("device.block", Outcome.SUCCESS, "twofold.devices.blocked",
            "Devices the identity's other devices blocked as unauthorised");

    /** one description for both steps: a metric's metadata must be the same for all its labels */
    static final String RESTORE_FAILED = "Restore steps refused: wrong user name or restore code (step start),"
            + " wrong one-time code (step complete)";

    final String action;
    final Outcome outcome;
    final Metadata metadata;
    final Tag[] tags;

    CountedAction(String action, Outcome outcome, String name, String description) {
        this.action = action;
        this.outcome = outcome;
        this.metadata = Metadata.builder().withName(name).withDescription(description).build();
        this.tags = new Tag[0];
    }

    CountedAction(String action, Outcome outcome, String name, String tag, String value, String description) {
        this.action = action;
        this.outcome = outcome;
        this.metadata = Metadata.builder().withName(name).withDescription(description).build();
        this.tags = new Tag[] {new Tag(tag, value)};
    }
}
