package org.twofold.directory.control;

/**
 * What the directory said of a user's password. REJECTED covers a wrong password, an unknown user and a
 * disabled account alike, so a caller cannot tell them apart; UNAVAILABLE means the directory could not be
 * asked (unreachable, or the service account refused) and says nothing about the password.
 */
public enum PasswordCheck {
    ACCEPTED,
    REJECTED,
    UNAVAILABLE
}
