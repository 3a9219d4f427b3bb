package org.twofold.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL for {@code run.sh --postgres}: a fresh database on {@code TWOFOLD_TEST_PG_URL} (plus
 * {@code _USER}/{@code _PASSWORD}) when set, otherwise an embedded PostgreSQL 14 from Maven Central
 * binaries that lives until this process gets SIGTERM. Writes the appliance's {@code TWOFOLD_DB_*}
 * settings (and {@code BENCH_DB_PID}, the postmaster, for CPU accounting) to {@code --env-file}
 * as shell assignments.
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path dir = Path.of(options.required("dir")).toAbsolutePath();
        Path envFile = Path.of(options.required("env-file"));
        String existing = System.getenv("TWOFOLD_TEST_PG_URL");
        if (existing != null && !existing.isBlank()) {
            String user = System.getenv().getOrDefault("TWOFOLD_TEST_PG_USER", "postgres");
            String password = System.getenv().getOrDefault("TWOFOLD_TEST_PG_PASSWORD", "");
            writeEnv(envFile, freshDatabase(existing, user, password), user, password,
                    System.getenv().getOrDefault("TWOFOLD_TEST_PG_PID", ""));
            System.out.println("PostgreSQL: fresh database on " + existing);
            return;
        }
        Files.createDirectories(dir);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir.resolve("work").toFile())
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(true)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Could not stop the embedded PostgreSQL: " + e);
            }
            stopped.countDown();
        }));
        String url = postgres.getJdbcUrl("postgres", "postgres");
        String pid = Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).get(0).trim();
        writeEnv(envFile, freshDatabase(url, "postgres", ""), "postgres", "", pid);
        System.out.printf("PostgreSQL: embedded PostgreSQL 14 on port %d (postmaster pid %s) in %.1f s%n",
                postgres.getPort(), pid, (System.nanoTime() - started) / 1e9);
        stopped.await();
    }

    private static String freshDatabase(String serverUrl, String user, String password) throws SQLException {
        String name = "twofold_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        int query = serverUrl.indexOf('?');
        String withoutQuery = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String parameters = query < 0 ? "" : serverUrl.substring(query);
        return withoutQuery.substring(0, withoutQuery.lastIndexOf('/') + 1) + name + parameters;
    }

    private static void writeEnv(Path envFile, String url, String user, String password, String pid) throws IOException {
        Path partial = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.writeString(partial, "TWOFOLD_DB_URL='" + url + "'\n"
                + "TWOFOLD_DB_USER='" + user + "'\n"
                + "TWOFOLD_DB_PASSWORD='" + (password.isEmpty() ? "unused" : password) + "'\n"
                + "BENCH_DB_PID='" + pid + "'\n", StandardCharsets.UTF_8);
        Files.move(partial, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
