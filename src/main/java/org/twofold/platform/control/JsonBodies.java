package org.twofold.platform.control;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

/**
 * Reads a request body that must be exactly one JSON object (PROTOCOL.md): anything else - another JSON
 * value, nothing at all, syntax errors, content after the object, absurd nesting - is refused with
 * 400 {@code invalid-request}, never a 5xx.
 */
public final class JsonBodies {

    /** The protocol's bodies are UTF-8; no guessing of encodings (which also fails on one-byte bodies). */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonBodies() {
    }

    public static JsonObject object(InputStream body) {
        try (JsonParser parser = PARSERS.createParser(body, StandardCharsets.UTF_8)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw Refusal.invalidRequest("The body must be a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw afterTheObject();
            }
            return object;
        } catch (JsonParsingException malformed) {
            throw Refusal.invalidRequest("The body is not valid JSON");
        } catch (Refusal | JsonException unreadable) {
            // a refusal of ours, or a body that could not be read at all (e.g. too large): passed on as it is
            throw unreadable;
        } catch (RuntimeException tooDeep) {
            // Parsson refuses input nested deeper than its limit with a plain RuntimeException
            throw Refusal.invalidRequest("The body is not valid JSON");
        }
    }

    private static Refusal afterTheObject() {
        return Refusal.invalidRequest("The body must be one JSON object with nothing after it");
    }
}
