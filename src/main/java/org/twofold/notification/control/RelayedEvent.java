package org.twofold.notification.control;

import java.io.StringReader;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParsingException;

/**
 * A device event or disconnect as one node tells the others (a PostgreSQL notification's payload): the live
 * streams of an identity's devices may be open on any node. {@code node} names the sender, which ignores its
 * own notices.
 */
public record RelayedEvent(String node, String identityId, String type, String itemJson, String disconnectedDeviceId) {

    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD = 7900;
    public static final String CHANNEL = "twofold_device_events";

    public static RelayedEvent event(String node, String identityId, String type, String itemJson) {
        return new RelayedEvent(node, identityId, type, itemJson, null);
    }

    public static RelayedEvent disconnect(String node, String deviceId) {
        return new RelayedEvent(node, null, null, null, deviceId);
    }

    public boolean isDisconnect() {
        return disconnectedDeviceId != null;
    }

    /** Empty when too long for a notification: the devices then get the item when they next connect. */
    public Optional<String> payload() {
        JsonObjectBuilder payload = Json.createObjectBuilder().add("node", node);
        if (isDisconnect()) {
            payload.add("disconnect", disconnectedDeviceId);
        } else {
            payload.add("identity", identityId).add("type", type).add("item", itemJson);
        }
        String text = payload.build().toString();
        return text.length() < MAX_PAYLOAD ? Optional.of(text) : Optional.empty();
    }

    /** Empty for a payload that is not one of ours. */
    public static Optional<RelayedEvent> parse(String payload) {
        try {
            JsonObject json = Json.createReader(new StringReader(payload)).readObject();
            String node = json.getString("node", null);
            if (node == null) {
                return Optional.empty();
            }
            if (json.containsKey("disconnect")) {
                return Optional.of(disconnect(node, json.getString("disconnect")));
            }
            return Optional.of(event(node, json.getString("identity"), json.getString("type"), json.getString("item")));
        } catch (JsonParsingException | ClassCastException | NullPointerException notOurs) {
            return Optional.empty();
        }
    }
}
