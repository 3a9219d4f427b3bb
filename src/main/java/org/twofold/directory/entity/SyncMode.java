package org.twofold.directory.entity;

public enum SyncMode {
    FULL,
    INCREMENTAL
}
