package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict reading of request bodies: every error is 400 invalid-request naming the member. */
class JsonMembersTest {

    enum Decision { APPROVE, DENY }

    private static JsonMembers json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return JsonMembers.of(reader.readObject());
        }
    }

    /** Asserts the call is refused as invalid-request (HTTP 400) and the message names the member. */
    private static Refusal refused(String member, Executable call) {
        Refusal refusal = assertThrows(Refusal.class, call);
        assertEquals("invalid-request", refusal.code());
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals(400, refusal.kind().status());
        assertTrue(refusal.getMessage().contains("'" + member + "'"), refusal.getMessage());
        return refusal;
    }

    @Test
    void missingBodyIsRefused() {
        Refusal refusal = assertThrows(Refusal.class, () -> JsonMembers.of(null));
        assertEquals("invalid-request", refusal.code());
    }

    @Test
    void readsAStringAndStripsIt() {
        assertEquals("jdoe", json("{'user':'  jdoe '}").text("user", 128));
        assertEquals(Optional.of("VPN"), json("{'context':'VPN'}").optionalText("context", 200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "4.2", "true", "false", "{}", "{'a':'b'}", "[]", "['jdoe']"})
    void aStringMemberOfAnotherTypeIsRefused(String value) {
        JsonMembers body = json("{'user':" + value + "}");
        Refusal refusal = refused("user", () -> body.text("user", 128));
        assertTrue(refusal.getMessage().contains("must be a string"), refusal.getMessage());
        refused("user", () -> body.optionalText("user", 128));
    }

    @Test
    void aMissingRequiredMemberIsRefused() {
        Refusal refusal = refused("user", () -> json("{'other':'x'}").text("user", 128));
        assertTrue(refusal.getMessage().contains("required"), refusal.getMessage());
        refused("decision", () -> json("{}").choice("decision", Decision.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "' '", "'   \\t '", "'\\n'"})
    void anEmptyOrBlankStringIsRefused(String value) {
        Refusal refusal = refused("name", () -> json("{'name':" + value + "}").text("name", 100));
        assertTrue(refusal.getMessage().contains("empty"), refusal.getMessage());
        refused("name", () -> json("{'name':" + value + "}").optionalText("name", 100));
    }

    @Test
    void anOverLongStringIsRefusedAndTheLimitItselfIsFine() {
        assertEquals("x".repeat(128), json("{'user':'" + "x".repeat(128) + "'}").text("user", 128));
        assertEquals("x".repeat(128), json("{'user':'  " + "x".repeat(128) + "  '}").text("user", 128));
        Refusal refusal = refused("user", () -> json("{'user':'" + "x".repeat(129) + "'}").text("user", 128));
        assertTrue(refusal.getMessage().contains("128"), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "a\\nb", "a\\rb", "a\\tb", "a\\u001bb", "a\\u007fb", "a\\u0085b", "\\u0000abc"})
    void controlCharactersAreRefused(String escaped) {
        Refusal refusal = refused("deviceName", () -> json("{'deviceName':'" + escaped + "'}").text("deviceName", 100));
        assertTrue(refusal.getMessage().contains("control"), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\\n", "\\tabc", "abc\\u001f"})
    void whatIsAcceptedNeverContainsControlCharacters(String escaped) {
        String text = json("{'deviceName':'" + escaped + "'}").text("deviceName", 100);
        assertEquals("abc", text);
        assertFalse(text.chars().anyMatch(Character::isISOControl));
    }

    @Test
    void nullMembersAreAbsent() {
        JsonMembers body = json("{'context':null,'keep':null,'roles':null,'user':null}");
        assertEquals(Optional.empty(), body.optionalText("context", 200));
        assertTrue(body.flag("keep", true));
        assertFalse(body.flag("keep", false));
        assertEquals(List.of(), body.texts("roles", 3, 32));
        refused("user", () -> body.text("user", 128));
        refused("user", () -> body.choice("user", Decision.class));
    }

    @Test
    void missingMembersAreAbsentToo() {
        JsonMembers body = json("{}");
        assertEquals(Optional.empty(), body.optionalText("context", 200));
        assertTrue(body.flag("keepOldDevices", true));
        assertFalse(body.flag("keepOldDevices", false));
        assertEquals(List.of(), body.texts("roles", 3, 32));
    }

    @Test
    void unknownMembersAreIgnored() {
        assertEquals("jdoe", json("{'user':'jdoe','extra':{'deep':[1,2]},'more':42}").text("user", 128));
    }

    @Test
    void readsFlags() {
        assertTrue(json("{'keepOldDevices':true}").flag("keepOldDevices", false));
        assertFalse(json("{'keepOldDevices':false}").flag("keepOldDevices", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'true'", "'false'", "1", "0", "{}", "[]", "[true]"})
    void aFlagOfAnotherTypeIsRefused(String value) {
        Refusal refusal = refused("keepOldDevices", () -> json("{'keepOldDevices':" + value + "}").flag("keepOldDevices", false));
        assertTrue(refusal.getMessage().contains("true or false"), refusal.getMessage());
    }

    @Test
    void readsAnEnumValue() {
        assertEquals(Decision.APPROVE, json("{'decision':'APPROVE'}").choice("decision", Decision.class));
        assertEquals(Decision.DENY, json("{'decision':' DENY '}").choice("decision", Decision.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAYBE", "approve", "Approve", "APPROVE_", "APPROVE DENY"})
    void anUnknownEnumValueIsRefused(String value) {
        Refusal refusal = refused("decision", () -> json("{'decision':'" + value + "'}").choice("decision", Decision.class));
        assertTrue(refusal.getMessage().contains("unknown value"), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "{}", "[1]"})
    void anEnumMemberOfAnotherTypeIsRefused(String value) {
        refused("decision", () -> json("{'decision':" + value + "}").choice("decision", Decision.class));
    }

    @Test
    void readsAListOfStrings() {
        assertEquals(List.of("HELPDESK", "ADMIN"), json("{'roles':[' HELPDESK ','ADMIN']}").texts("roles", 3, 32));
        assertEquals(List.of(), json("{'roles':[]}").texts("roles", 3, 32));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'ADMIN'", "42", "true", "{}", "['A','B','C','D']", "['A',1]", "['A',null]", "[['A']]",
            "['']", "['  ']", "['XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX']", "['AD\\u0000MIN']", "['ADMIN\\nHELPDESK']"})
    void aBadListIsRefused(String value) {
        refused("roles", () -> json("{'roles':" + value + "}").texts("roles", 3, 32));
    }
}
