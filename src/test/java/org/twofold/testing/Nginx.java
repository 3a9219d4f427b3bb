package org.twofold.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx (installed by bin/install-test-packages) running a site configuration, e.g. the
 * template in config-templates/, with its example values replaced; everything else of nginx (pid, logs,
 * temporary files) stays in the given directory.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final Path dir;

    private Nginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** {@code replacements}: text of the site configuration and what the test puts instead. */
    public static Nginx start(Path dir, Path site, Map<String, String> replacements, int waitForPort) throws Exception {
        Files.createDirectories(dir);
        String configured = Files.readString(site);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (!configured.contains(replacement.getKey())) {
                throw new AssertionError(site + " no longer holds '" + replacement.getKey() + "'");
            }
            configured = configured.replace(replacement.getKey(), replacement.getValue());
        }
        Files.writeString(dir.resolve("site.conf"), configured);
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                // workers must reach the test's private directory for their temporary files
                root ? "user root;" : "",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " info;",
                "events { worker_connections 256; }",
                "http {",
                "  access_log " + dir.resolve("access.log") + ";",
                "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("scgi") + ";",
                "  include " + dir.resolve("site.conf") + ";",
                "}", ""));
        Process process = new ProcessBuilder(List.of("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, dir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx stopped: " + nginx.log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", waitForPort), 500);
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        nginx.close();
        throw new AssertionError("nginx does not listen on " + waitForPort + ": " + nginx.log());
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("nginx.out")) + Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
