package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client address: the peer, or behind a trusted reverse proxy the last X-Forwarded-For hop (the one
 * that proxy added). A header from anyone else is ignored, so a client cannot pick its own address.
 */
class RequestOriginTest {

    private static final String PROXY = "10.0.0.2";
    private static final String CLIENT = "203.0.113.7";

    @Test
    void withoutAHeaderThePeerIsTheSource() {
        assertEquals(CLIENT, source(Optional.empty(), CLIENT, List.of()));
        assertEquals(PROXY, source(Optional.of(PROXY), PROXY, List.of()));
    }

    @Test
    void aTrustedProxysHeaderNamesTheClient() {
        assertEquals(CLIENT, source(Optional.of(PROXY), PROXY, CLIENT));
    }

    @Test
    void theLastHopIsTakenNotWhatTheClientPrepended() {
        assertEquals(CLIENT, source(Optional.of(PROXY), PROXY, "1.2.3.4, 5.6.7.8," + CLIENT));
        assertEquals(CLIENT, source(Optional.of(PROXY), PROXY, "1.2.3.4,  " + CLIENT + "  "));
        assertEquals("2001:db8::1", source(Optional.of(PROXY), PROXY, "forged, 2001:db8::1"));
    }

    @Test
    void anyProxyOfTheListIsTrusted() {
        Optional<String> list = Optional.of("10.0.0.1, " + PROXY + " ,10.0.0.3");
        assertEquals(CLIENT, source(list, PROXY, CLIENT));
        assertEquals(CLIENT, source(list, "10.0.0.1", CLIENT));
        assertEquals(CLIENT, source(list, "10.0.0.3", CLIENT));
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsIgnored() {
        assertEquals("198.51.100.9", source(Optional.of(PROXY), "198.51.100.9", "10.9.9.9"));
        assertEquals("198.51.100.9", source(Optional.of(PROXY), "198.51.100.9", PROXY));
        assertEquals("10.0.0.22", source(Optional.of(PROXY), "10.0.0.22", CLIENT), "no prefix matching");
        assertEquals("10.0.0.", source(Optional.of(PROXY), "10.0.0.", CLIENT));
    }

    @Test
    void withoutTrustedProxiesEveryHeaderIsIgnored() {
        assertEquals(PROXY, source(Optional.empty(), PROXY, CLIENT));
        assertEquals(PROXY, source(Optional.of(""), PROXY, CLIENT));
        assertEquals(PROXY, source(Optional.of(" , "), PROXY, CLIENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", ",", ",,", " , ", "1.2.3.4,", "1.2.3.4, ", "1.2.3.4,,"})
    void anEmptyLastHopFallsBackToThePeer(String header) {
        assertEquals(PROXY, source(Optional.of(PROXY), PROXY, header));
    }

    @Test
    void anOverLongLastHopFallsBackToThePeer() {
        String longest = "a".repeat(64);
        assertEquals(longest, source(Optional.of(PROXY), PROXY, longest), "64 characters are kept");
        assertEquals(PROXY, source(Optional.of(PROXY), PROXY, "a".repeat(65)));
        assertEquals(PROXY, source(Optional.of(PROXY), PROXY, CLIENT + ", " + "x".repeat(10_000)));
    }

    @Test
    void aProxyThatAddsAHeaderLineOfItsOwnIsHeardNotTheClientsLine() {
        // HAProxy's "option forwardfor" appends a new X-Forwarded-For line instead of extending the client's
        assertEquals(CLIENT, source(Optional.of(PROXY), PROXY, List.of("6.6.6.6", CLIENT)));
        assertEquals(CLIENT, source(Optional.of(PROXY), PROXY, List.of("6.6.6.6, 7.7.7.7", "1.2.3.4, " + CLIENT)));
        assertEquals(PROXY, source(Optional.of(PROXY), PROXY, List.of("6.6.6.6", "")), "an empty last line");
    }

    @Test
    void headerLinesFromAnUntrustedPeerAreIgnoredToo() {
        assertEquals("198.51.100.9", source(Optional.of(PROXY), "198.51.100.9", List.of("6.6.6.6", CLIENT)));
    }

    private static String source(Optional<String> trustedProxies, String peer, String forwardedFor) {
        return source(trustedProxies, peer, List.of(forwardedFor));
    }

    private static String source(Optional<String> trustedProxies, String peer, List<String> forwardedForLines) {
        RequestOrigin origin = new RequestOrigin();
        origin.request = request(peer, forwardedForLines);
        origin.trustedProxies = trustedProxies;
        return origin.sourceAddress();
    }

    /**
     * Just enough of a servlet request: the peer address and the lines of one header; like Grizzly and
     * Tomcat, getHeader gives the first line only.
     */
    private static HttpServletRequest request(String peer, List<String> forwardedFor) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestOriginTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeader" -> lines(args[0], forwardedFor).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(lines(args[0], forwardedFor));
                    case "toString" -> "request from " + peer;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static List<String> lines(Object name, List<String> forwardedFor) {
        return "X-Forwarded-For".equalsIgnoreCase((String) name) ? forwardedFor : List.of();
    }
}
