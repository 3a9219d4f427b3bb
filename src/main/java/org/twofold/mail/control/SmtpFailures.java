package org.twofold.mail.control;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;

/**
 * Why a mail could not be sent, in words an administrator can act on: which setting to look at, or what
 * the mail server answered. JavaMail wraps the network's exceptions, so the whole cause chain is read.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static String explain(Exception failure, SmtpSettings settings) {
        String server = settings.host() + ":" + settings.port();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "The mail server's host name '" + settings.host() + "' is not known (twofold.mail.host).";
            }
            if (cause instanceof ConnectException) {
                return "Nothing answers at " + server + ": the connection was refused. Check twofold.mail.host and"
                        + " twofold.mail.port, and that the mail server runs.";
            }
            if (cause instanceof SocketTimeoutException) {
                return "The mail server at " + server + " did not answer within "
                        + Integer.parseInt(SmtpTransport.TIMEOUT_MS) / 1000 + " seconds.";
            }
            if (cause instanceof SSLException) {
                return "The TLS handshake with " + server + " failed (" + cause.getMessage() + "). Check"
                        + " twofold.mail.starttls and that the JVM trusts the server's certificate.";
            }
            if (cause instanceof AuthenticationFailedException) {
                return "The mail server refused the user name or password (twofold.mail.username,"
                        + " twofold.mail.password)" + serverSaid(cause);
            }
            if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                    && refused.getInvalidAddresses().length > 0) {
                return "The mail server refused the recipient" + serverSaid(deepest(refused));
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (message.toLowerCase(Locale.ROOT).contains("starttls")) {
            return "The mail server at " + server + " does not offer STARTTLS, which twofold.mail.starttls=true"
                    + " requires.";
        }
        return "The mail server at " + server + " did not take the mail" + serverSaid(deepest(failure));
    }

    /** The innermost message is the server's own reply line, e.g. "550 5.1.1 No such user". */
    private static Throwable deepest(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest;
    }

    private static String serverSaid(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "." : ": " + message.strip();
    }
}
