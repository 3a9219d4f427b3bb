package org.twofold.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLContext;

/**
 * An HTTP client for a running appliance, speaking PROTOCOL.md as operators and relying parties do.
 * Devices are {@link DeviceSimulator}s created from it.
 */
public final class Appliance {

    private final URI base;
    private final HttpClient http;
    private final String forwardedFor;

    public Appliance(String baseUrl) {
        this(URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/"), HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build(), null);
    }

    /** Over HTTPS with a certificate the given context trusts (e.g. the company's own CA, as phones are set up). */
    public Appliance(String baseUrl, SSLContext trusting) {
        this(URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/"), HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(trusting)
                .build(), null);
    }

    private Appliance(URI base, HttpClient http, String forwardedFor) {
        this.base = base;
        this.http = http;
        this.forwardedFor = forwardedFor;
    }

    /**
     * The same appliance, reached as if from another client address: a reverse proxy the appliance trusts
     * ({@code twofold.http.trusted-proxies}) would say so in {@code X-Forwarded-For}.
     */
    public Appliance from(String clientAddress) {
        return new Appliance(base, http, clientAddress);
    }

    public URI base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    HttpRequest.Builder withOrigin(HttpRequest.Builder request) {
        return forwardedFor == null ? request : request.header("X-Forwarded-For", forwardedFor);
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #send}, keeping a binary body (a PDF) as bytes. */
    public Download download(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer request(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /** An operator's view of the admin API (HTTP Basic). */
    public Operator operator(String name, String password) {
        return new Operator(name, password);
    }

    /** A relying party's view of the login API (Bearer API key). */
    public RelyingParty relyingParty(String apiKey) {
        return new RelyingParty(apiKey);
    }

    /** A device enrolled earlier (e.g. before an upgrade), with the key, id and token it kept. */
    public DeviceSimulator existingDevice(String name, KeyPair keys, String user, String deviceId, String token) {
        return new DeviceSimulator(this, name, keys).enrolledAs(user, deviceId, token);
    }

    public DeviceSimulator newDevice(String name) {
        return new DeviceSimulator(this, name);
    }

    public final class Operator {
        private final String authorization;

        Operator(String name, String password) {
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        public Answer call(String method, String path, String body) {
            return request(method, "api/v1/admin/" + path, body, "Authorization", authorization);
        }

        /** An admin call whose answer is a file (a PDF of letters or a handout). */
        public Download download(String method, String path, String body) {
            HttpRequest.Builder request = withOrigin(HttpRequest.newBuilder(uri("api/v1/admin/" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Authorization", authorization));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return Appliance.this.download(request);
        }

        /** Creates an identity; the answer holds the activation code. */
        public Answer createIdentity(String user, String email) {
            return call("POST", "identities", Json.object("user", user, "email", email, "displayName", user));
        }

        public RelyingParty createRelyingParty(String name) {
            return relyingParty(call("POST", "relying-parties", Json.object("name", name)).expect(201)
                    .json().getString("apiKey"));
        }
    }

    public final class RelyingParty {
        private final String authorization;

        RelyingParty(String apiKey) {
            this.authorization = "Bearer " + apiKey;
        }

        public Answer startLogin(String user, String context) {
            return request("POST", "api/v1/rp/auth-sessions", Json.object("user", user, "context", context),
                    "Authorization", authorization);
        }

        public Answer status(String sessionId) {
            return request("GET", "api/v1/rp/auth-sessions/" + sessionId, null, "Authorization", authorization);
        }

        public Answer cancel(String sessionId) {
            return request("DELETE", "api/v1/rp/auth-sessions/" + sessionId, null, "Authorization", authorization);
        }
    }
}
