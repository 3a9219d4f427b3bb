package org.twofold.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.twofold.simulator.Answer;

/**
 * What a client sees when the appliance refuses: an RFC 9457 problem document
 * ({@code application/problem+json}) whose {@code status} is the HTTP status and whose {@code type} and
 * {@code code} name the stable protocol code (PROTOCOL.md).
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** Asserts a problem answer with this status and one of these codes; returns the problem document. */
    public static JsonObject assertProblem(Answer answer, int status, String... codes) {
        assertEquals(status, answer.status(), () -> "HTTP status of " + answer);
        JsonObject problem = problemDocument(answer);
        String code = problem.getString("code");
        List<String> expected = Arrays.asList(codes);
        assertTrue(expected.contains(code), () -> "problem code " + code + " is not one of " + expected + ": " + answer);
        assertEquals("urn:twofold:" + code, stringMember(problem, "type", answer), () -> "problem type of " + answer);
        if (status == 401) {
            assertNotNull(answer.header("WWW-Authenticate"), () -> "RFC 9110: a 401 carries a challenge: " + answer);
        }
        return problem;
    }

    /** Asserts a 4xx problem answer of any code: bad input is the client's fault, never a server fault. */
    public static JsonObject assertClientError(Answer answer) {
        assertTrue(answer.status() >= 400 && answer.status() < 500, () -> "expected a 4xx answer but got " + answer);
        return problemDocument(answer);
    }

    private static JsonObject problemDocument(Answer answer) {
        String contentType = answer.header("Content-Type");
        assertNotNull(contentType, () -> "no Content-Type on " + answer);
        assertTrue(contentType.toLowerCase().startsWith(MEDIA_TYPE),
                () -> "Content-Type " + contentType + " is not " + MEDIA_TYPE + ": " + answer);
        JsonObject problem;
        try {
            problem = answer.json();
        } catch (RuntimeException notJson) {
            fail("problem body is not a JSON object: " + answer, notJson);
            return null;
        }
        JsonValue status = problem.get("status");
        if (!(status instanceof JsonNumber number) || number.intValue() != answer.status()) {
            fail("problem member 'status' must be the HTTP status as a number (RFC 9457): " + answer);
        }
        stringMember(problem, "code", answer);
        assertTrue(!stringMember(problem, "title", answer).isBlank(), () -> "problem without title: " + answer);
        return problem;
    }

    private static String stringMember(JsonObject problem, String name, Answer answer) {
        JsonValue value = problem.get(name);
        if (!(value instanceof JsonString text)) {
            fail("problem member '" + name + "' must be a string: " + answer);
            return null;
        }
        return text.getString();
    }
}
