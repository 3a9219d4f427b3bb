package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JsonBodiesTest {

    @Test
    void readsOneObject() {
        JsonObject object = read(" {\"user\":\"jdoe\",\"extra\":[1,{\"a\":null}]}\n ");
        assertEquals("jdoe", object.getString("user"));
    }

    @Test
    void refusesEverythingThatIsNotExactlyOneObject() {
        assertAll(Stream.of("", "  ", "null", "42", "true", "\"text\"", "[]", "[{}]", "{", "{\"a\":1,}", "{'a':1}",
                        "{} {}", "{}x", "{}]", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .map(body -> (Executable) () -> {
                    Refusal refusal = assertThrows(Refusal.class, () -> read(body), body);
                    assertEquals("invalid-request", refusal.code(), body);
                }));
    }

    private static JsonObject read(String body) {
        return JsonBodies.object(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
