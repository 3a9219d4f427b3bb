package org.twofold.simulator;

import java.io.StringReader;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** Small JSON helpers for the simulator (JSON-P). */
public final class Json {

    private Json() {
    }

    public static JsonObject parse(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static JsonValue parseValue(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** An object from alternating names and values (String, Boolean, Number, JsonValue or null). */
    public static String object(Object... namesAndValues) {
        JsonObjectBuilder builder = jakarta.json.Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value == null) {
                builder.addNull(name);
            } else if (value instanceof Boolean flag) {
                builder.add(name, flag);
            } else if (value instanceof Integer number) {
                builder.add(name, number);
            } else if (value instanceof Long number) {
                builder.add(name, number);
            } else if (value instanceof JsonValue json) {
                builder.add(name, json);
            } else {
                builder.add(name, value.toString());
            }
        }
        return builder.build().toString();
    }

    public static String object(Map<String, ?> members) {
        return object(members.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray());
    }
}
