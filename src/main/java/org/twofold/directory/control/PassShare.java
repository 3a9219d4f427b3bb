package org.twofold.directory.control;

/**
 * How far a run is, for the dashboard's progress bar. A run that writes spends its first half planning and
 * its second writing; within a pass, the share grows with the entries read against those expected (for
 * planning, what the connection's last run of the mode read; for writing, what planning read).
 */
record PassShare(int from, int to, int expected) {

    static PassShare planning(boolean dryRun, int expected) {
        return new PassShare(0, dryRun ? 100 : 50, expected);
    }

    static PassShare writing(int planned) {
        return new PassShare(50, 100, planned);
    }

    /** 0-99, or null without an expectation (a connection's first run); 100 is for runs that ended. */
    Integer percent(int read) {
        if (expected <= 0) {
            return null;
        }
        return from + (int) Math.min(to - from - 1L, (long) read * (to - from) / expected);
    }
}
