package org.twofold.restore.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twofold.delivery.entity.Channel;
import org.twofold.restore.control.IssuedRestoreCode;

/** A device is given the restore code (and its link and QR) only when policy delivers it to the display. */
class RestoreCodeAnswerTest {

    private static final String CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345";

    @Test
    void deviceDisplayGetsCodeLinkAndQr() {
        IssuedRestoreCode issued = new IssuedRestoreCode("jdoe", CODE, Channel.DEVICE_DISPLAY, null);
        RestoreCodeAnswer answer = RestoreCodeAnswer.of(issued);
        assertEquals(CODE, answer.code());
        assertEquals("DEVICE_DISPLAY", answer.delivery());
        assertEquals(issued.link(), answer.link());
        assertEquals(issued.qr(), answer.qr());
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = "DEVICE_DISPLAY", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherChannelGetsNoSecret(Channel delivery) {
        RestoreCodeAnswer answer = RestoreCodeAnswer.of(new IssuedRestoreCode("jdoe", null, delivery, "delivery-1"));
        assertNull(answer.code());
        assertNull(answer.link());
        assertNull(answer.qr());
        assertEquals(delivery.name(), answer.delivery(), "the device is told where the code went");
    }
}
