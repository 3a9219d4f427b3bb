package org.twofold.notification.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What one node tells the others through a PostgreSQL notification, and what it makes of theirs. */
class RelayedEventTest {

    @Test
    void anEventCrossesAsItWasSent() {
        RelayedEvent sent = RelayedEvent.event("node-a", "identity-1", "login", "{\"id\":\"s1\",\"numbers\":[12,47,83]}");
        assertEquals(Optional.of(sent), sent.payload().flatMap(RelayedEvent::parse));
    }

    @Test
    void aDisconnectCrossesAsItWasSent() {
        RelayedEvent sent = RelayedEvent.disconnect("node-a", "device-9");
        RelayedEvent received = sent.payload().flatMap(RelayedEvent::parse).orElseThrow();
        assertTrue(received.isDisconnect());
        assertEquals("device-9", received.disconnectedDeviceId());
        assertEquals("node-a", received.node());
    }

    @Test
    void anItemTooLargeForANotificationIsNotSent() {
        String large = "{\"context\":\"" + "x".repeat(RelayedEvent.MAX_PAYLOAD) + "\"}";
        assertEquals(Optional.empty(), RelayedEvent.event("node-a", "identity-1", "login", large).payload());
    }

    @Test
    void aNotificationThatIsNotOursIsIgnored() {
        assertEquals(Optional.empty(), RelayedEvent.parse("not json"));
        assertEquals(Optional.empty(), RelayedEvent.parse("{\"other\":1}"));
        assertEquals(Optional.empty(), RelayedEvent.parse("{\"node\":\"n\",\"identity\":7}"));
    }
}
