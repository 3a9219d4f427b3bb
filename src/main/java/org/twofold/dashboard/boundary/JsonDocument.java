package org.twofold.dashboard.boundary;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;

/**
 * The JSON editors of the dashboard (policies, directory connections): they edit the admin API's own
 * document, which the same code then checks, so the page only turns it into text and back.
 */
public final class JsonDocument {

    private JsonDocument() {
    }

    /** The stored document as indented text, without the members the appliance writes itself. */
    public static String editable(JsonObject stored, List<String> readOnly) {
        JsonObjectBuilder editable = Json.createObjectBuilder(stored);
        readOnly.forEach(editable::remove);
        StringWriter text = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text).write(editable.build());
        return text.toString().strip();
    }

    /** The edited text as a JSON object, or nothing after telling the operator why it is none ({@code what}: "policy"). */
    public static Optional<JsonObject> parsed(String text, String what) {
        try {
            return Optional.of(Json.createReader(new StringReader(text == null ? "" : text)).readObject());
        } catch (JsonException | IllegalStateException notJson) {
            Messages.error("The " + what + " is not a JSON object: " + notJson.getMessage());
            return Optional.empty();
        }
    }
}
