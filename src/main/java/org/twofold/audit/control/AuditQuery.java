package org.twofold.audit.control;

/** Filters for reading the audit trail; nulls (and blanks) mean "any". Pages go backwards from {@code beforeSeq}. */
public record AuditQuery(String target, String action, String actor, long beforeSeq, int limit) {

    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        target = anyIfBlank(target);
        action = anyIfBlank(action);
        actor = anyIfBlank(actor);
        limit = Math.max(1, Math.min(limit, MAX_LIMIT));
        beforeSeq = beforeSeq <= 0 ? Long.MAX_VALUE : beforeSeq;
    }

    private static String anyIfBlank(String filter) {
        return filter == null || filter.isBlank() ? null : filter.strip();
    }
}
