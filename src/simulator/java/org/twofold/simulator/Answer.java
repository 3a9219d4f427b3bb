package org.twofold.simulator;

import java.net.http.HttpResponse;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** An HTTP answer from the appliance with JSON accessors. */
public record Answer(int status, String body, HttpResponse<?> raw) {

    public JsonObject json() {
        return Json.parse(body);
    }

    public JsonArray array() {
        return (JsonArray) Json.parseValue(body);
    }

    /** The problem {@code code}, or empty for non-problem answers. */
    public Optional<String> code() {
        if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
            return Optional.empty();
        }
        JsonObject json = json();
        return json.containsKey("code") ? Optional.of(json.getString("code")) : Optional.empty();
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    public Answer expect(int expected) {
        if (status != expected) {
            throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
        }
        return this;
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
