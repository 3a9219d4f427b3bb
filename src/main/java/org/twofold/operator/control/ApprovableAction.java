package org.twofold.operator.control;

import org.twofold.audit.entity.Actor;
import org.twofold.operator.entity.Approval;

/** An action that may wait for a second operator; one implementation per action, found by its name. */
public interface ApprovableAction {

    String action();

    /** Carries the approved action out (as the approver) and answers what the approver's client shows. */
    Object carryOut(Approval approval, Actor approver);
}
