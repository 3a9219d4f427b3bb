package org.twofold.platform.boundary;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.twofold.platform.control.Refusal;

/** RFC 9457 problem details with the protocol's stable {@code code} member. */
public final class ProblemAnswer {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "code", "detail", "instance");

    private ProblemAnswer() {
    }

    public static Response of(Refusal refusal) {
        return of(refusal.kind().status(), refusal.code(), refusal.title(), refusal.extensions());
    }

    public static Response of(int status, String code, String title) {
        return of(status, code, title, Map.of());
    }

    static Response of(int status, String code, String title, Map<String, Object> extensions) {
        JsonObjectBuilder problem = Json.createObjectBuilder()
                .add("type", "urn:twofold:" + code)
                .add("title", title)
                .add("status", status)
                .add("code", code);
        // An extension never replaces a standard member (RFC 9457: "status" is the HTTP status code).
        extensions.entrySet().stream().filter(extension -> !STANDARD_MEMBERS.contains(extension.getKey()))
                .forEach(extension -> problem.add(extension.getKey(), jsonValue(extension.getValue())));
        Response.ResponseBuilder answer = Response.status(status)
                .type(MEDIA_TYPE)
                .entity(problem.build().toString());
        if (status == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, challenge(code));
        }
        return answer.build();
    }

    /** RFC 9110 wants a challenge with every 401: the scheme of the credentials that were missing or wrong. */
    private static String challenge(String code) {
        return switch (code) {
            case "unauthenticated" -> "Basic realm=\"twofold\", charset=\"UTF-8\"";
            case "invalid-api-key" -> "Bearer realm=\"twofold\"";
            default -> "Device realm=\"twofold\"";
        };
    }

    private static JsonValue jsonValue(Object value) {
        if (value instanceof Number number) {
            return Json.createValue(number.longValue());
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Collection<?> items) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            items.forEach(item -> array.add(jsonValue(item)));
            return array.build();
        }
        return Json.createValue(String.valueOf(value));
    }
}
