package org.twofold.mail.control;

/** The outcome of a test mail: whether the mail server took it, and in words an administrator can act on. */
public record MailTest(boolean ok, String message) {
}
