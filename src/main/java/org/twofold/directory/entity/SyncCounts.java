package org.twofold.directory.entity;

/** What a run read and did (or, for a dry run or a stopped run, would do). */
public record SyncCounts(int entriesRead, int created, int updated, int deactivated, int reactivated, int errors) {

    public static final SyncCounts NONE = new SyncCounts(0, 0, 0, 0, 0, 0);

    public SyncCounts plus(SyncCounts other) {
        return new SyncCounts(entriesRead + other.entriesRead, created + other.created, updated + other.updated,
                deactivated + other.deactivated, reactivated + other.reactivated, errors + other.errors);
    }
}
