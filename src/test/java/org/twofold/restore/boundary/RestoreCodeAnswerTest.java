package org.twofold.restore.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.restore.control.IssuedRestoreCode;

/** A device is given the restore code (and its link and QR) only when policy delivers it to the display. */
class RestoreCodeAnswerTest {

    private static final String CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345";

    @Test
    void deviceDisplayGetsCodeLinkAndQr() {
        IssuedRestoreCode issued = new IssuedRestoreCode("jdoe", CODE, "DEVICE_DISPLAY");
        RestoreCodeAnswer answer = RestoreCodeAnswer.of(issued);
        assertEquals(CODE, answer.code());
        assertEquals("DEVICE_DISPLAY", answer.delivery());
        assertEquals(issued.link(), answer.link());
        assertEquals(issued.qr(), answer.qr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMAIL", "POSTAL_LETTER", "IN_PERSON", "PHONE", "device_display", "DEVICE_DISPLAY ", ""})
    @NullSource
    void anyOtherChannelGetsNoSecret(String delivery) {
        RestoreCodeAnswer answer = RestoreCodeAnswer.of(new IssuedRestoreCode("jdoe", CODE, delivery));
        assertNull(answer.code());
        assertNull(answer.link());
        assertNull(answer.qr());
        assertEquals(delivery, answer.delivery(), "the device is told where the code went");
    }
}
