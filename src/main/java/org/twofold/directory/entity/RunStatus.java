package org.twofold.directory.entity;

public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** the run would deactivate too many identities (or saw nobody) and wrote nothing; an operator must confirm */
    STOPPED_FOR_CONFIRMATION
}
