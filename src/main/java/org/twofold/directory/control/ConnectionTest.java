package org.twofold.directory.control;

/** The outcome of trying a connection: whether it works, and in words an operator can act on. */
public record ConnectionTest(boolean ok, String message) {
}
