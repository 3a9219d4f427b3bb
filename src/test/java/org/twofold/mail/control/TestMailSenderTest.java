package org.twofold.mail.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.twofold.platform.control.Refusal;

/** The test mail goes to exactly one plain address. */
class TestMailSenderTest {

    @Test
    void onePlainAddressIsTaken() {
        assertEquals("admin@corp.test", TestMailSender.singleAddress("admin@corp.test"));
        assertEquals("first.last+tag@mail.corp.test", TestMailSender.singleAddress("first.last+tag@mail.corp.test"));
    }

    @Test
    void listsNamesAndNonsenseAreRefused() {
        for (String recipient : List.of("a@corp.test, b@corp.test", "a@corp.test;b@corp.test", "Admin <a@corp.test>",
                "no-at-sign", "a@corp.test\r\nBcc: b@corp.test", "@corp.test", "a@", "<a@corp.test>")) {
            Refusal refused = assertThrows(Refusal.class, () -> TestMailSender.singleAddress(recipient), recipient);
            assertEquals("invalid-request", refused.code());
        }
    }
}
