package org.twofold.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;

import org.junit.jupiter.api.Test;
import org.twofold.testing.Fixtures;

/**
 * {@code TWOFOLD_LOG_FORMAT=json}: the appliance started as an installation starts it ({@code appliance/launch})
 * writes its log as one JSON object per line. Starts an appliance of its own (about 45 s on two busy cores).
 */
class JsonLogsIT {

    /** Payara Micro prints this one boot line straight to standard output, past java.util.logging. */
    private static final String PAYARA_PRINTLN = "JdbcRuntimeExtension,";

    @Test
    void everyLogLineIsOneJsonObject() throws Exception {
        Path workDir = Path.of("target/it-json-logs").toAbsolutePath();
        Files.createDirectories(workDir);
        Path log = workDir.resolve("payara.log");
        int port = Fixtures.unusedPort();
        ProcessBuilder launch = new ProcessBuilder(Path.of("appliance/launch").toAbsolutePath().toString(),
                System.getProperty("twofold.test.payaraJar"), System.getProperty("twofold.test.war"), Integer.toString(port))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        launch.environment().put("TWOFOLD_LOG_FORMAT", "json");
        launch.environment().put("TWOFOLD_TLS_PORT", Integer.toString(Fixtures.unusedPort()));
        launch.environment().put("TWOFOLD_DATA_DIR", workDir.resolve("data-" + port).toString());
        launch.environment().put("JAVA_OPTS", "-Xmx512m");
        Process appliance = launch.start();
        List<String> lines;
        try {
            awaitReady(appliance, port);
            // read while it runs: at exit H2's shutdown hook fails in the stopped web container, and the JVM
            // prints that uncaught exception to stderr itself, past logging (an H2-on-Payara issue, not a log line)
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } finally {
            appliance.destroy();
            if (!appliance.waitFor(30, TimeUnit.SECONDS)) {
                appliance.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        List<JsonObject> entries = lines.stream().filter(line -> !line.startsWith(PAYARA_PRINTLN)).map(JsonLogsIT::parse).toList();
        assertTrue(entries.size() > 20 && entries.size() >= lines.size() - 1, "all but Payara's own print: " + lines.size());
        for (JsonObject entry : entries) {
            for (String field : List.of("Timestamp", "Level", "LoggerName", "ThreadName")) {
                assertTrue(entry.containsKey(field), field + " in " + entry);
            }
            // an exception logged without a message of its own has no LogMessage, only the Throwable
            assertTrue(entry.containsKey("LogMessage") || entry.getJsonObject("Throwable").containsKey("StackTrace"),
                    "a message or an exception in " + entry);
        }
        assertTrue(entries.stream().anyMatch(entry -> entry.getString("LoggerName").equals("twofold.launch")
                && entry.getString("LogMessage").startsWith("HTTPS on port")), "the launcher's own lines are JSON too");
        JsonObject ours = entries.stream().filter(entry -> entry.getString("LoggerName").startsWith("org.twofold."))
                .filter(entry -> entry.getString("LogMessage").contains("initial-admin-password")).findFirst()
                .orElseThrow(() -> new AssertionError("the appliance's own start-up line is missing"));
        assertEquals("INFO", ours.getString("Level"));
    }

    private static JsonObject parse(String line) {
        try {
            return Json.createReader(new StringReader(line)).readObject();
        } catch (JsonParsingException notJson) {
            throw new AssertionError("not one JSON object: " + line, notJson);
        }
    }

    private static void awaitReady(Process appliance, int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(appliance.isAlive(), "the appliance exited with " + (appliance.isAlive() ? "" : appliance.exitValue()));
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within 3 minutes");
    }
}
