package org.twofold.platform.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Strict reading of request bodies: a member of the wrong type is an error (never coerced), a missing
 * required member is an error, and every error names the member. Unknown members are ignored.
 */
public final class JsonMembers {

    private final JsonObject json;

    private JsonMembers(JsonObject json) {
        this.json = json;
    }

    public static JsonMembers of(JsonObject json) {
        if (json == null) {
            throw Refusal.invalidRequest("A JSON object body is required");
        }
        return new JsonMembers(json);
    }

    public String text(String name, int maxLength) {
        return optionalText(name, maxLength)
                .orElseThrow(() -> Refusal.invalidRequest("Member '" + name + "' is required"));
    }

    public Optional<String> optionalText(String name, int maxLength) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw Refusal.invalidRequest("Member '" + name + "' must be a string");
        }
        String text = string.getString().strip();
        if (text.isEmpty()) {
            throw Refusal.invalidRequest("Member '" + name + "' must not be empty");
        }
        if (text.length() > maxLength) {
            throw Refusal.invalidRequest("Member '" + name + "' is longer than " + maxLength + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalidRequest("Member '" + name + "' contains control characters");
        }
        return Optional.of(text);
    }

    public boolean flag(String name, boolean absent) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return absent;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw Refusal.invalidRequest("Member '" + name + "' must be true or false");
        };
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String text = text(name, 64);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException unknown) {
            throw Refusal.invalidRequest("Member '" + name + "' has an unknown value");
        }
    }

    public List<String> texts(String name, int maxItems, int maxLength) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > maxItems) {
            throw Refusal.invalidRequest("Member '" + name + "' must be a list of at most " + maxItems + " strings");
        }
        List<String> texts = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (!(item instanceof JsonString string) || string.getString().isBlank()
                    || string.getString().length() > maxLength
                    || string.getString().strip().chars().anyMatch(Character::isISOControl)) {
                throw Refusal.invalidRequest("Member '" + name + "' must hold non-empty strings of at most "
                        + maxLength + " characters, without control characters");
            }
            texts.add(string.getString().strip());
        }
        return List.copyOf(texts);
    }
}
