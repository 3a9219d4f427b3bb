package org.twofold.restore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The OTP mail of a restore's first step. */
class RestoreMailsTest {

    @Test
    void showsTheCodeInTwoGroupsOfFour() {
        String body = RestoreMails.otpBody("jdoe", "12345678", Duration.ofMinutes(10));
        assertTrue(body.contains("1234 5678"), body);
        assertFalse(body.contains("12345678"), "grouped, not in one run: " + body);
        assertEquals(1, body.split("1234 5678", -1).length - 1, "shown once");
    }

    @Test
    void keepsLeadingZeros() {
        String body = RestoreMails.otpBody("jdoe", "00012000", Duration.ofMinutes(10));
        assertTrue(body.contains("0001 2000"), body);
    }

    @Test
    void namesTheUserAndTheValidity() {
        String body = RestoreMails.otpBody("jdoe", "12345678", Duration.ofMinutes(10));
        assertTrue(body.contains("Hello jdoe,"), body);
        assertTrue(body.contains("valid for 10 minutes"), body);
        assertTrue(RestoreMails.otpBody("jdoe", "12345678", Duration.ofMinutes(5)).contains("valid for 5 minutes"));
    }

    @Test
    void warnsWhoeverDidNotStartTheRestore() {
        String body = RestoreMails.otpBody("jdoe", "12345678", Duration.ofMinutes(10));
        assertTrue(body.contains("If you did not start a restore"), body);
        assertTrue(body.contains("helpdesk"), body);
    }

    @Test
    void hasASubject() {
        assertFalse(RestoreMails.OTP_SUBJECT.isBlank());
        assertFalse(RestoreMails.OTP_SUBJECT.contains("\n"));
    }
}
