package org.twofold.mail.control;

/** The SMTP settings in effect ({@code twofold.mail.*}), without the password. */
public record SmtpSettings(String host, int port, String from, boolean startTls, boolean userNameSet) {
}
