package org.twofold.platform;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twofold.testing.Fixtures.assertStillPending;
import static org.twofold.testing.Fixtures.decisionPath;
import static org.twofold.testing.Problems.assertProblem;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Fixtures.Login;
import org.twofold.testing.SignedCall;

/**
 * PROTOCOL.md: "missing or malformed [members] give 400 invalid-request, never a 5xx". Every body that is
 * not exactly one JSON object, every member of the wrong type, size or value, oversized bodies (with and
 * without Content-Length), other media types, unknown paths and methods: each gets a 4xx problem with
 * the right code, and nothing is created, decided or spent.
 */
@ExtendWith(ApplianceExtension.class)
class MalformedInputIT {

    private static final String JSON = "application/json";
    private static final int ONE_MIB = 1 << 20;

    /** One endpoint that takes a JSON object, called as its real client calls it (credentials, signature). */
    @FunctionalInterface
    interface Endpoint {
        Answer post(byte[] body, String contentType, boolean chunked);

        default Answer post(String body) {
            return post(utf8(body), JSON, false);
        }
    }

    @Test
    void adminBodiesThatAreNotOneJsonObjectAre400(ApplianceServer server) {
        List<Executable> checks = new ArrayList<>();
        checks.addAll(notOneJsonObject(admin(server, "identities"), Json.object("user", Fixtures.unique("mal"))));
        checks.addAll(notOneJsonObject(admin(server, "operators"), Json.object("name", Fixtures.unique("mal"),
                "password", "a-long-enough-password", "roles", roles("HELPDESK"))));
        checks.addAll(notOneJsonObject(admin(server, "relying-parties"), Json.object("name", Fixtures.unique("mal"))));
        assertAll(checks);
    }

    @Test
    void relyingPartyBodiesThatAreNotOneJsonObjectAre400(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);

        assertAll(notOneJsonObject(relyingParty(server), Json.object("user", user, "context", "VPN")));

        assertEquals(0, phone.inbox().expect(200).json().getJsonArray("pending").size(), "no login was started");
    }

    @Test
    void decisionBodiesThatAreNotOneJsonObjectAre400AndDecideNothing(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);

        assertAll(notOneJsonObject(decision(server, phone, login),
                Json.object("decision", "APPROVE", "number", login.displayNumber())));

        assertStillPending(vpn, login);
        phone.decide(login.id(), "APPROVE", login.displayNumber()).expect(200);
    }

    @Test
    void enrollmentBodiesThatAreNotOneJsonObjectAre400AndSpendNothing(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        String code = Fixtures.createIdentity(server, user);
        DeviceSimulator phone = server.client().newDevice("Phone");

        assertAll(notOneJsonObject(enroll(server, phone), enrollBody(code, phone.publicKey())));

        assertEquals(0, Fixtures.identity(server, user).getJsonArray("devices").size());
        phone.enroll(code).expect(201);
    }

    @Test
    void oneMebibyteBodiesAre400InvalidRequestWithOrWithoutContentLength(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        String newUser = Fixtures.unique("mal");
        String code = Fixtures.createIdentity(server, newUser);
        DeviceSimulator newPhone = server.client().newDevice("New phone");
        // Bodies that would be accepted but for one unknown member that makes them 1 MiB large.
        Map<Endpoint, String> valid = new LinkedHashMap<>();
        valid.put(admin(server, "identities"), Json.object("user", Fixtures.unique("mal")));
        valid.put(relyingParty(server), Json.object("user", user, "context", "VPN"));
        valid.put(decision(server, phone, login), Json.object("decision", "APPROVE", "number", login.displayNumber()));
        valid.put(enroll(server, newPhone), enrollBody(code, newPhone.publicKey()));

        List<Executable> checks = new ArrayList<>();
        valid.forEach((endpoint, body) -> {
            byte[] big = utf8(body.substring(0, body.length() - 1) + ",\"padding\":\"" + "a".repeat(ONE_MIB) + "\"}");
            checks.add(() -> assertProblem(endpoint.post(big, JSON, false), 400, "invalid-request"));
            checks.add(() -> assertProblem(endpoint.post(big, JSON, true), 400, "invalid-request"));
        });
        assertAll(checks);

        assertStillPending(vpn, login);
        assertEquals(0, Fixtures.identity(server, newUser).getJsonArray("devices").size());
        newPhone.enroll(code).expect(201);
    }

    @Test
    void adminAndRelyingPartyMembersOfTheWrongTypeOrSizeAre400(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Map<String, Endpoint> endpoints = Map.of(
                "identities", admin(server, "identities"),
                "operators", admin(server, "operators"),
                "relying-parties", admin(server, "relying-parties"),
                "rp", relyingParty(server));
        String name = Fixtures.unique("mal");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("identities", Json.object("user", 42)));
        cases.add(new Case("identities", Json.object("user", Json.parse("{\"a\":1}"))));
        cases.add(new Case("identities", Json.object("user", true)));
        cases.add(new Case("identities", Json.object("user", Json.parseValue("[\"" + name + "\"]"))));
        cases.add(new Case("identities", Json.object("user", JsonValue.NULL)));
        cases.add(new Case("identities", Json.object("user", "")));
        cases.add(new Case("identities", Json.object("user", "   ")));
        cases.add(new Case("identities", Json.object("user", "u".repeat(129))));
        cases.add(new Case("identities", Json.object("user", "u".repeat(100_000 / 2))));
        cases.add(new Case("identities", Json.object("user", name + "\u0000")));
        cases.add(new Case("identities", Json.object("user", "bad name")));
        cases.add(new Case("identities", Json.object("user", name, "email", 42)));
        cases.add(new Case("identities", Json.object("user", name, "email", "not-an-address")));
        cases.add(new Case("identities", Json.object("user", name, "email", "a".repeat(320) + "@x")));
        cases.add(new Case("identities", Json.object("user", name, "displayName", Json.parse("{}"))));
        cases.add(new Case("identities", Json.object("user", name, "displayName", "d".repeat(201))));
        cases.add(new Case("operators", Json.object("name", name, "password", "a-long-enough-password", "roles", "HELPDESK")));
        cases.add(new Case("operators", Json.object("name", name, "password", "a-long-enough-password", "roles", Json.parseValue("[1]"))));
        cases.add(new Case("operators", Json.object("name", name, "password", "a-long-enough-password", "roles", roles("ROOT"))));
        cases.add(new Case("operators", Json.object("name", name, "password", "a-long-enough-password", "roles", roles())));
        cases.add(new Case("operators", Json.object("name", name, "password", "a-long-enough-password",
                "roles", roles("ADMIN", "HELPDESK", "SECURITY_OFFICER", "ADMIN"))));
        cases.add(new Case("operators", Json.object("name", name, "password", 123456789012345L, "roles", roles("HELPDESK"))));
        cases.add(new Case("operators", Json.object("name", name, "password", "short", "roles", roles("HELPDESK"))));
        cases.add(new Case("operators", Json.object("name", "n".repeat(65), "password", "a-long-enough-password", "roles", roles("HELPDESK"))));
        cases.add(new Case("operators", Json.object("name", "with space", "password", "a-long-enough-password", "roles", roles("HELPDESK"))));
        cases.add(new Case("operators", Json.object("password", "a-long-enough-password", "roles", roles("HELPDESK"))));
        cases.add(new Case("relying-parties", Json.object("name", 42)));
        cases.add(new Case("relying-parties", Json.object("name", "")));
        cases.add(new Case("relying-parties", Json.object("name", "r".repeat(101))));
        cases.add(new Case("relying-parties", Json.object("name", Json.parse("{}"))));
        cases.add(new Case("rp", Json.object("user", 42, "context", "VPN")));
        cases.add(new Case("rp", Json.object("user", Json.parse("{\"user\":\"" + user + "\"}"))));
        cases.add(new Case("rp", Json.object("context", "VPN")));
        cases.add(new Case("rp", Json.object("user", user, "context", 42)));
        cases.add(new Case("rp", Json.object("user", user, "context", "c".repeat(501))));
        cases.add(new Case("rp", Json.object("user", user, "context", "VPN\u001b[2J")));
        cases.add(new Case("rp", Json.object("user", "u".repeat(257))));

        assertAll(cases.stream().map(c -> (Executable) () ->
                assertProblem(endpoints.get(c.endpoint()).post(c.body()), 400, "invalid-request")));

        assertProblem(server.admin().call("GET", "identities/" + name, null), 404, "unknown-user");
        assertEquals(0, phone.inbox().expect(200).json().getJsonArray("pending").size(), "no login was started");
        String names = server.admin().call("GET", "operators", null).expect(200).body()
                + server.admin().call("GET", "relying-parties", null).expect(200).body();
        assertEquals(-1, names.indexOf(name), names);
    }

    @Test
    void decisionMembersOfTheWrongTypeOrValueAre400AndDecideNothing(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        Endpoint decide = decision(server, phone, login);
        String number = login.displayNumber();

        assertAll(List.of(
                        Json.object("decision", "MAYBE", "number", number),
                        Json.object("decision", "approve", "number", number),
                        Json.object("decision", "APPROVE ", "number", number + "\u0000"),
                        Json.object("decision", 1, "number", number),
                        Json.object("decision", true, "number", number),
                        Json.object("decision", Json.parse("{\"decision\":\"APPROVE\"}"), "number", number),
                        Json.object("decision", Json.parseValue("[\"APPROVE\"]"), "number", number),
                        Json.object("decision", JsonValue.NULL, "number", number),
                        Json.object("number", number),
                        Json.object("decision", "APPROVE", "number", Integer.parseInt(number)),
                        Json.object("decision", "APPROVE", "number", Json.parse("{}")),
                        Json.object("decision", "APPROVE", "number", ""),
                        Json.object("decision", "APPROVE", "number", "1".repeat(9)),
                        Json.object("decision", "APPROVE", "number", "x".repeat(10_000)))
                .stream().map(body -> (Executable) () -> assertProblem(decide.post(body), 400, "invalid-request")));

        assertStillPending(vpn, login);
        phone.decide(login.id(), "APPROVE", number).expect(200);
    }

    @Test
    void enrollmentWithABadKeyOrMemberIs400AndSpendsNothing(ApplianceServer server) throws GeneralSecurityException {
        String user = Fixtures.unique("mal");
        String code = Fixtures.createIdentity(server, user);
        DeviceSimulator phone = server.client().newDevice("Phone");
        KeyPair p384 = ecKeyPair("secp384r1");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        byte[] spki = Base64.getUrlDecoder().decode(phone.publicKey());
        byte[] offCurve = spki.clone();
        offCurve[offCurve.length - 1] ^= 0x01;
        UnaryOperator<String> withKey = key -> enrollBody(code, key);

        List<Executable> checks = new ArrayList<>();
        for (String badKey : List.of(
                "not a key!",
                "",
                Base64.getEncoder().encodeToString(spki),
                SignedCall.base64Url(p384.getPublic().getEncoded()),
                SignedCall.base64Url(rsa.generateKeyPair().getPublic().getEncoded()),
                SignedCall.base64Url(offCurve),
                SignedCall.base64Url(java.util.Arrays.copyOf(spki, spki.length - 1)),
                "A".repeat(401))) {
            checks.add(() -> assertProblem(enroll(server, phone).post(withKey.apply(badKey)), 400, "invalid-request"));
        }
        // the P-384 key even signs its own request: still no P-256 key
        checks.add(() -> assertProblem(SignedCall.withKey(server.client(), p384.getPrivate())
                .request("POST", "/api/v1/device/enroll", withKey.apply(SignedCall.base64Url(p384.getPublic().getEncoded())))
                .send(), 400, "invalid-request"));
        for (String body : List.of(
                Json.object("activationCode", code, "publicKey", 42, "deviceName", "Phone", "platform", "simulator"),
                Json.object("activationCode", 42, "publicKey", phone.publicKey(), "deviceName", "Phone", "platform", "simulator"),
                Json.object("publicKey", phone.publicKey(), "deviceName", "Phone", "platform", "simulator"),
                Json.object("activationCode", code, "publicKey", phone.publicKey(), "platform", "simulator"),
                Json.object("activationCode", code, "publicKey", phone.publicKey(), "deviceName", "D".repeat(101), "platform", "simulator"),
                Json.object("activationCode", code, "publicKey", phone.publicKey(), "deviceName", "Pho\nne", "platform", "simulator"),
                Json.object("activationCode", code, "publicKey", phone.publicKey(), "deviceName", "Phone", "platform", "p".repeat(41)),
                Json.object("activationCode", code + "X".repeat(100), "publicKey", phone.publicKey(), "deviceName", "Phone", "platform", "simulator"))) {
            checks.add(() -> assertProblem(enroll(server, phone).post(body), 400, "invalid-request"));
        }
        assertAll(checks);

        assertEquals(0, Fixtures.identity(server, user).getJsonArray("devices").size(), "no device was bound");
        phone.enroll(code).expect(201);
    }

    @Test
    void unknownMembersAreIgnored(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        String code = admin(server, "identities").post(Json.object("user", user, "future", Json.parse("{\"a\":[1,2]}")))
                .expect(201).json().getString("activationCode");
        DeviceSimulator phone = server.client().newDevice("Phone");
        phone.enroll(code).expect(201);
        String secondCode = server.admin().call("POST", "identities/" + user + "/activation-codes", "{}")
                .expect(201).json().getString("activationCode");
        DeviceSimulator laptop = server.client().newDevice("Laptop");
        enroll(server, laptop).post(enrollBody(secondCode, laptop.publicKey()).replace("{", "{\"future\":null,")).expect(201);
        Endpoint start = relyingParty(server);
        String id = start.post(Json.object("user", user, "context", "VPN", "future", true)).expect(201).json().getString("id");
        Login login = new Login(id, Fixtures.choices(phone, id).get(0));

        Answer decided = decision(server, phone, login).post(Json.object("decision", "DENY", "future", Json.parse("{}")));

        assertEquals(200, decided.status(), decided::toString);
        assertEquals("DENIED", decided.json().getString("status"));
    }

    @Test
    void bodiesOfAnotherMediaTypeAre415(ApplianceServer server) {
        String user = Fixtures.unique("mal");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        DeviceSimulator newPhone = server.client().newDevice("New phone");
        String code = Fixtures.createIdentity(server, Fixtures.unique("mal"));
        Map<Endpoint, String> valid = new LinkedHashMap<>();
        valid.put(admin(server, "identities"), Json.object("user", Fixtures.unique("mal")));
        valid.put(relyingParty(server), Json.object("user", user, "context", "VPN"));
        valid.put(decision(server, phone, login), Json.object("decision", "APPROVE", "number", login.displayNumber()));
        valid.put(enroll(server, newPhone), enrollBody(code, newPhone.publicKey()));

        List<Executable> checks = new ArrayList<>();
        valid.forEach((endpoint, body) -> {
            for (String contentType : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded", null}) {
                checks.add(() -> assertProblem(endpoint.post(utf8(body), contentType, false), 415, "unsupported-media-type"));
            }
        });
        assertAll(checks);
        assertStillPending(vpn, login);
    }

    @Test
    void unknownPathsAndMethodsAnswerProblems(ApplianceServer server) {
        Appliance appliance = server.client();
        DeviceSimulator phone = Fixtures.enrolledUser(server, Fixtures.unique("mal"));
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + server.adminPassword()).getBytes(StandardCharsets.UTF_8));

        assertAll(
                () -> assertProblem(appliance.request("GET", "api/v1/nope", null), 404, "not-found"),
                () -> assertProblem(appliance.request("GET", "api/v1/", null), 404, "not-found"),
                () -> assertProblem(appliance.request("GET", "api/v1/device/nope", null, "Authorization", "Device " + phone.token()), 404, "not-found"),
                () -> assertProblem(appliance.request("POST", "api/v1/rp/auth-sessions/x/y", "{}"), 404, "not-found"),
                () -> assertProblem(appliance.request("GET", "api/v1/admin/nope", null, "Authorization", basic), 404, "not-found"),
                () -> assertProblem(appliance.request("GET", "api/v1/admin/identities/" + "u".repeat(5000), null, "Authorization", basic),
                        404, "unknown-user"),
                () -> assertProblem(appliance.request("DELETE", "api/v1/admin/devices/" + "d".repeat(5000), null, "Authorization", basic),
                        404, "unknown-device"),
                () -> assertProblem(appliance.request("PUT", "api/v1/rp/auth-sessions", "{}"), 405, "method-not-allowed"),
                () -> assertProblem(appliance.request("GET", "api/v1/device/enroll", null), 405, "method-not-allowed"),
                () -> assertProblem(appliance.request("PATCH", "api/v1/admin/identities", "{}", "Authorization", basic),
                        405, "method-not-allowed"));
    }

    @Test
    void malformedQueryParametersAre400(ApplianceServer server) {
        assertAll(List.of("audit?limit=abc", "audit?before=1e3", "audit?limit=99999999999999999999")
                .stream().map(query -> (Executable) () ->
                        assertProblem(server.admin().call("GET", query, null), 400, "invalid-request")));
        server.admin().call("GET", "audit?limit=-5", null).expect(200);
    }

    private record Case(String endpoint, String body) {
    }

    /** The bodies that are not exactly one JSON object, built around a body the endpoint would accept. */
    private static List<Executable> notOneJsonObject(Endpoint endpoint, String valid) {
        String open = valid.substring(0, valid.length() - 1);
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("truncated JSON", open);
        bodies.put("a second object after the object", valid + " " + valid);
        bodies.put("garbage after the object", valid + "x");
        bodies.put("the object in an array", "[" + valid + "]");
        bodies.put("an empty array", "[]");
        bodies.put("null", "null");
        bodies.put("a string", "\"" + valid.replace("\"", "'") + "\"");
        bodies.put("a number", "42");
        bodies.put("true", "true");
        bodies.put("an empty body", "");
        bodies.put("only whitespace", " \r\n\t ");
        bodies.put("single quotes", valid.replace('"', '\''));
        bodies.put("a trailing comma", open + ",}");
        bodies.put("an empty object", "{}");
        bodies.put("10 000 nested arrays", open + ",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        List<Executable> checks = new ArrayList<>();
        bodies.forEach((what, body) -> checks.add(() -> {
            Answer answer = endpoint.post(body);
            if (answer.status() != 400) {
                throw new AssertionError(what + ": expected 400 invalid-request but got " + answer);
            }
            assertProblem(answer, 400, "invalid-request");
        }));
        return checks;
    }

    private static Endpoint admin(ApplianceServer server, String path) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + server.adminPassword()).getBytes(StandardCharsets.UTF_8));
        return raw(server.client(), "api/v1/admin/" + path, basic);
    }

    private static Endpoint relyingParty(ApplianceServer server) {
        String apiKey = server.admin().call("POST", "relying-parties", Json.object("name", Fixtures.unique("rp")))
                .expect(201).json().getString("apiKey");
        return raw(server.client(), "api/v1/rp/auth-sessions", "Bearer " + apiKey);
    }

    private static Endpoint raw(Appliance appliance, String path, String authorization) {
        return (body, contentType, chunked) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(appliance.uri(path))
                    .POST(SignedCall.publisher(body, chunked))
                    .header("Authorization", authorization);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return appliance.send(request);
        };
    }

    private static Endpoint decision(ApplianceServer server, DeviceSimulator phone, Login login) {
        Appliance appliance = server.client();
        return (body, contentType, chunked) -> {
            SignedCall call = SignedCall.by(appliance, phone).request("POST", decisionPath(login.id()), body).contentType(contentType);
            return (chunked ? call.chunked() : call).send();
        };
    }

    /** POST /device/enroll signed by the new phone's key, whatever the body says. */
    private static Endpoint enroll(ApplianceServer server, DeviceSimulator newPhone) {
        Appliance appliance = server.client();
        return (body, contentType, chunked) -> {
            SignedCall call = SignedCall.withKey(appliance, newPhone.privateKey())
                    .request("POST", "/api/v1/device/enroll", body).contentType(contentType);
            return (chunked ? call.chunked() : call).send();
        };
    }

    private static String enrollBody(String code, String publicKey) {
        return Json.object("activationCode", code, "publicKey", publicKey, "deviceName", "Phone", "platform", "simulator");
    }

    private static JsonValue roles(String... roles) {
        var array = jakarta.json.Json.createArrayBuilder();
        for (String role : roles) {
            array.add(role);
        }
        return array.build();
    }

    private static KeyPair ecKeyPair(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
