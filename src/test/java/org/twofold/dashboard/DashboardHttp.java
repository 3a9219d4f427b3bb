package org.twofold.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dashboard as a plain HTTP client sees it — cookies, forms and Faces view state by hand — for the
 * security tests a browser cannot do: forged forms, another source address (X-Forwarded-For through the
 * trusted proxy), reading headers and cookies.
 */
final class DashboardHttp {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    /** PrimeFaces' CSP mode puts a nonce in each page and wants it back with every form (primefaces.nonce). */
    private static final Pattern NONCE = Pattern.compile("csp.init\\('([^']+)'\\)");

    private final String baseUrl;
    private final String sourceAddress;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    DashboardHttp(String baseUrl, String sourceAddress) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.sourceAddress = sourceAddress;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> get(String path, String header, String value) {
        return send(request(path).header(header, value).GET().build());
    }

    /** A request that brings only this session cookie, as an attacker holding an old one would. */
    HttpResponse<String> getWithSession(String path, String sessionId) {
        HttpClient cookieless = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            return cookieless.send(request(path).header("Cookie", "JSESSIONID=" + sessionId).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form as the browser would; {@code fields} in order. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The sign-in form, filled in and posted with the view state of a fresh sign-in page. */
    HttpResponse<String> signIn(String name, String password) {
        String page = get("admin/login.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:name", name);
        form.put("login:password", password);
        form.put("login:signIn", "");
        form.put("jakarta.faces.ViewState", viewState(page));
        form.put("primefaces.nonce", nonce(page));
        return post("admin/login.xhtml", form);
    }

    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    static String viewState(String page) {
        Matcher matcher = VIEW_STATE.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no view state in the page: " + page);
        }
        return matcher.group(1);
    }

    static String nonce(String page) {
        Matcher matcher = NONCE.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSP nonce in the page: " + page);
        }
        return matcher.group(1);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", sourceAddress);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
