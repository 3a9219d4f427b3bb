package org.twofold.notification.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twofold.notification.entity.Notification;
import org.twofold.notification.entity.NotificationType;

/** The mail behind every notification: says what happened to which device, and what to do if it was not you. */
class NotificationMailsTest {

    private static final Instant AT = Instant.parse("2026-01-15T10:07:42Z");
    private static final String BLOCK_ADVICE = "block the new device";

    private static Notification notification(NotificationType type) {
        return new Notification("identity-1", type, "device-1", "Jane's Pixel 9", AT);
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void everyTypeHasASubjectOfItsOwn(NotificationType type) {
        String subject = NotificationMails.subject(notification(type));
        assertFalse(subject.isBlank(), type.name());
        assertFalse(subject.contains("\n"), "one line: " + subject);
    }

    @Test
    void noTwoTypesShareASubject() {
        Set<String> subjects = new HashSet<>();
        for (NotificationType type : NotificationType.values()) {
            assertTrue(subjects.add(NotificationMails.subject(notification(type))), type.name());
        }
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void everyBodyNamesTheUserTheDeviceAndTheTime(NotificationType type) {
        String body = NotificationMails.body(notification(type), "jdoe");
        assertTrue(body.startsWith("Hello jdoe,"), body);
        assertTrue(body.contains("\"Jane's Pixel 9\""), type + " names the device: " + body);
        assertTrue(body.contains("2026-01-15 10:07 UTC"), body);
        assertFalse(body.contains("null"), body);
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void theBodiesOfBlockableNotificationsAdviseBlocking(NotificationType type) {
        String body = NotificationMails.body(notification(type), "jdoe");
        assertEquals(type.blockable(), body.contains(BLOCK_ADVICE), type + ": " + body);
        assertTrue(body.contains("helpdesk"), body);
    }

    @Test
    void theAdditionsAreTheBlockableOnes() {
        for (NotificationType type : new NotificationType[] {
                NotificationType.DEVICE_ADDED, NotificationType.DEVICE_RESTORED, NotificationType.DEVICE_DUPLICATED}) {
            assertTrue(NotificationMails.body(notification(type), "jdoe").contains(BLOCK_ADVICE), type.name());
        }
    }

    @Test
    void eachTypeSaysWhatHappened() {
        assertTrue(NotificationMails.body(notification(NotificationType.DEVICE_ADDED), "jdoe").contains("was added"));
        assertTrue(NotificationMails.body(notification(NotificationType.DEVICE_RESTORED), "jdoe").contains("restored"));
        assertTrue(NotificationMails.body(notification(NotificationType.DEVICE_DUPLICATED), "jdoe").contains("copied"));
        assertTrue(NotificationMails.body(notification(NotificationType.DEVICE_UNPAIRED), "jdoe").contains("removed"));
        assertTrue(NotificationMails.body(notification(NotificationType.DEVICE_BLOCKED), "jdoe").contains("blocked"));
        String reissued = NotificationMails.body(notification(NotificationType.RESTORE_CODE_REISSUED), "jdoe");
        assertTrue(reissued.contains("restore code was replaced"), reissued);
        assertTrue(reissued.contains("old one no longer works"), reissued);
    }
}
