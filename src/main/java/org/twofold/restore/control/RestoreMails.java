package org.twofold.restore.control;

import java.time.Duration;

/** The one-time code mail of step one of a restore. */
final class RestoreMails {

    static final String OTP_SUBJECT = "Your Twofold one-time code";

    private RestoreMails() {
    }

    static String otpBody(String user, String otp, Duration validity) {
        return "Hello " + user + ",\n\n"
                + "your one-time code to restore your Twofold ID on a new device is:\n\n"
                + "    " + otp.substring(0, 4) + " " + otp.substring(4) + "\n\n"
                + "It is valid for " + validity.toMinutes() + " minutes and only for the restore you just started.\n\n"
                + "If you did not start a restore, someone knows your restore code. Open Twofold on a device you\n"
                + "still have and turn restore on again (this replaces the code), or call your helpdesk.\n\n"
                + "-- Twofold\n";
    }
}
