package org.twofold.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The identities and devices of the users page benchmark, written straight into the appliance's database with
 * JDBC batches (one commit per batch): N identities {@code u0000001…} and 2·N devices (0 to 4 per identity).
 * Every identity is a function of the seed and its number, so {@link UsersPageBenchmark} can recompute what any
 * page must show without reading the database. Identities go in in the order they were created, as the appliance
 * would have written them, and their devices with them.
 *
 * <p>Ids and token hashes ascend in that order ({@link #sequentialUuid}), where the appliance draws random ones. On
 * H2 an index filled at random is rewritten nearly whole at every commit: with random ids and hashes, the devices of
 * the last million identities went in at 1,100 rows/s. Only the load uses those indexes; the page reads by user
 * name, display name and creation, which stay in random order, and finds the devices of a row through their
 * identity's index, which is filled in creation order as on an appliance.
 *
 * <p>Display names are "First Last number" from lists in which no name is the start of another: then the byte
 * order of H2 and Java and a PostgreSQL locale collation (which skips spaces at first) sort them alike, and a
 * page sorted by name has one right answer whatever the database's collation.
 *
 * <pre>
 * java -cp ... org.twofold.bench.UsersPageData --jdbc-url=jdbc:h2:file:/…/data/twofold --db-user=twofold
 *     --db-password=twofold [--identities=1000000] [--seed=20250101] [--batch=5000]
 * </pre>
 */
public final class UsersPageData {

    static final long DEFAULT_SEED = 20250101;
    static final Instant FIRST_CREATED = Instant.parse("2022-07-01T00:00:00Z");
    /** Three years of sign-ups. */
    static final long CREATED_SPAN_MS = 3 * 365L * 24 * 3600 * 1000;
    /** Devices per identity in each block of 20 identities, shuffled per block: 40 devices, 2 per identity exactly. */
    private static final int[] DEVICE_CYCLE = {0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4};
    private static final long CREATED_OFFSET = 12_345;
    private static final long LOAD_CACHE_KIB = 1024 * 1024;
    private static final String KEY_PREFIX = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";

    static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah", "Ida", "Jonas",
            "Karl", "Lea", "Lukas", "Mia", "Noah", "Olga", "Paul", "Quentin", "Rosa", "Sophie", "Tom", "Ute", "Vera",
            "Wolfgang", "Xenia", "Yusuf", "Zoe", "Amelie", "Bruno", "Carla", "Dominik", "Elif", "Fabian", "Gisela", "Hugo",
            "Ines", "Jakob", "Katrin", "Leon", "Marta", "Nina", "Oskar", "Petra", "Ralf", "Sara", "Timo", "Ulrike",
            "Valentin", "Willi", "Yara", "Zeynep", "Andreas", "Birgit", "Christian", "Daniela", "Erik", "Frieda", "Georg",
            "Helga", "Ivan"};
    static final String[] LAST = {"Berger", "Schmidt", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Schulz",
            "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange", "Krause",
            "Lehmann", "Kaiser", "Fuchs", "Peters", "Scholz", "Moeller", "Vogel", "Jung", "Frank", "Roth", "Lorenz",
            "Baumann", "Albrecht", "Ludwig", "Simon", "Kuhn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas",
            "Voigt", "Sauer", "Arnold", "Winter", "Sommer", "Graf", "Heinrich", "Haas", "Schreiber", "Ziegler", "Dietrich",
            "Brandt", "Martin", "Jansen", "Rossi", "Novak", "Keller", "Yilmaz", "Ortiz"};
    private static final String[] PHONES = {"iPhone 15", "iPhone 13", "Pixel 8", "Galaxy S23", "Galaxy A54", "Fairphone 5"};

    static {
        noNameStartsAnother(FIRST);
        noNameStartsAnother(LAST);
    }

    /** One identity as the loader writes it; {@code createdMs} is unique, so "sorted by created" has one answer. */
    record Identity(String id, String user, String displayName, String email, boolean deactivated,
                    boolean restoreActive, long createdMs) {
        String nameKey() {
            return displayName.toLowerCase(Locale.ROOT);
        }
    }

    private final int identities;
    private final long seed;
    private final long createdMultiplier;
    private final long createdInverse;

    UsersPageData(int identities, long seed) {
        this.identities = identities;
        this.seed = seed;
        this.createdMultiplier = coprimeMultiplier(identities);
        this.createdInverse = BigInteger.valueOf(createdMultiplier).modInverse(BigInteger.valueOf(identities)).longValue();
    }

    int identities() {
        return identities;
    }

    static String user(int number) {
        String digits = Integer.toString(number);
        return "u" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    Identity identity(int number) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + number);
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        boolean deactivated = random.nextInt(50) == 0;
        boolean restoreActive = random.nextInt(10) < 7;
        // a permutation of the numbers spreads sign-ups over the three years out of user-name order, one per slot
        long slot = ((number - 1) * createdMultiplier + CREATED_OFFSET) % identities;
        long step = CREATED_SPAN_MS / identities;
        long createdMs = FIRST_CREATED.toEpochMilli() + slot * step + random.nextLong(Math.max(1, step / 2));
        return new Identity(sequentialUuid(slot, random).toString(), user(number), first + " " + last + " " + number,
                (first + "." + last + "." + number + "@bench.test").toLowerCase(Locale.ROOT), deactivated, restoreActive,
                createdMs);
    }

    /** The identity created {@code slot}-th: the appliance stores identities in the order they were created. */
    int numberCreated(long slot) {
        return (int) (Math.floorMod(slot - CREATED_OFFSET, identities) * createdInverse % identities) + 1;
    }

    /** Devices of an identity: the counts of its block of 20, shuffled by the block's own seed. */
    int devices(int number) {
        int[] counts = DEVICE_CYCLE.clone();
        SplittableRandom random = new SplittableRandom(~seed * 31 + (number - 1) / DEVICE_CYCLE.length);
        for (int i = counts.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = counts[i];
            counts[i] = counts[j];
            counts[j] = swap;
        }
        return counts[(number - 1) % DEVICE_CYCLE.length];
    }

    /** A multiplier that makes {@code i -> i * m mod n} a permutation: a prime that does not divide n. */
    private static long coprimeMultiplier(int n) {
        for (long candidate : new long[] {7919, 7927, 7933, 7937}) {
            if (n % candidate != 0) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no multiplier for " + n);
    }

    /** A version 4 UUID whose text sorts by {@code sequence}: the sequence in its first 48 bits, random bits after. */
    static UUID sequentialUuid(long sequence, SplittableRandom random) {
        long high = sequence << 16 | 0x4000L | random.nextInt(0x1000);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static void noNameStartsAnother(String[] names) {
        for (String a : names) {
            for (String b : names) {
                if (a != b && b.toLowerCase(Locale.ROOT).startsWith(a.toLowerCase(Locale.ROOT))) {
                    throw new IllegalStateException(a + " starts " + b + ": sorting by name would depend on the collation");
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        String url = options.required("jdbc-url");
        UsersPageData data = new UsersPageData(options.integer("identities", 1_000_000),
                Long.parseLong(options.text("seed", Long.toString(DEFAULT_SEED))));
        int batch = options.integer("batch", 5000);
        Properties properties = new Properties();
        properties.setProperty("user", options.required("db-user"));
        properties.setProperty("password", options.text("db-password", ""));
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres) {
            // the driver then sends a batch as multi-row INSERTs instead of one round trip per row
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setAutoCommit(false);
            data.load(connection, batch, postgres);
        }
    }

    private void load(Connection connection, int batch, boolean postgres) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM identity")) {
            rows.next();
            if (rows.getLong(1) != 0) {
                throw new IllegalStateException("the identity table already has " + rows.getLong(1) + " rows");
            }
        }
        System.out.printf(Locale.ROOT, "== Generating %,d identities and %,d devices (batches of %,d, a commit each) into %s%n",
                identities, 2L * identities, batch, connection.getMetaData().getURL());
        long started = System.nanoTime();
        long applianceCacheKiB = postgres ? 0 : h2Cache(connection, LOAD_CACHE_KIB);
        long identityNanos = insertIdentities(connection, batch);
        long deviceNanos = insertDevices(connection, batch);
        System.out.printf(Locale.ROOT, "generated: %,d identities in %.1f s (%,.0f rows/s), %,d devices in %.1f s (%,.0f rows/s)%n",
                identities, identityNanos / 1e9, identities / (identityNanos / 1e9), 2L * identities, deviceNanos / 1e9,
                2L * identities / (deviceNanos / 1e9));
        long analyze = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            if (postgres) {
                statement.execute("ANALYZE identity");
                statement.execute("ANALYZE device");
            } else {
                // H2 samples a table by itself only after so many changes; doing it now makes both databases plan from fresh statistics
                statement.execute("ANALYZE TABLE identity");
                statement.execute("ANALYZE TABLE device");
            }
        }
        connection.commit();
        System.out.printf(Locale.ROOT, "ANALYZE identity, device: %.1f s%n", (System.nanoTime() - analyze) / 1e9);
        if (postgres) {
            try (Statement statement = connection.createStatement();
                 ResultSet collation = statement.executeQuery("SELECT datcollate FROM pg_database WHERE datname = current_database()")) {
                collation.next();
                System.out.printf(Locale.ROOT, "PostgreSQL collation: %s (LIKE 'prefix%%' can use a plain b-tree index only under C)%n",
                        collation.getString(1));
            }
        } else {
            h2Cache(connection, applianceCacheKiB);
            compact(connection);
        }
        System.out.printf(Locale.ROOT, "SUMMARY users-page generation identities=%d devices=%d seconds=%.1f%n", identities,
                2L * identities, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Sets H2's page cache and answers the one it had. The appliance's (H2's default, 16 MiB) would make the load
     * read most index pages from the file again (the devices crawled at under 2,000 rows/s); the setting is stored in
     * the database, so the load puts the appliance's back before it ends.
     */
    private static long h2Cache(Connection connection, long kib) throws SQLException {
        long had;
        try (Statement statement = connection.createStatement();
             ResultSet size = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            size.next();
            had = Long.parseLong(size.getString(1)) * 1024;
            statement.execute("SET CACHE_SIZE " + kib);
        }
        System.out.printf(Locale.ROOT, "H2 page cache: %,d MiB (was %,d MiB)%n", kib / 1024, had / 1024);
        return had;
    }

    /**
     * H2 keeps the pages a bulk load replaced for a while (the file grew to 20 times its data in a trial) and compacts
     * them in the background later: then the appliance would do it while it is measured. The load closes the
     * database compacted, as a file looks after a long quiet period.
     */
    private static void compact(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        Path file = Path.of(url.substring("jdbc:h2:file:".length()).replaceFirst(";.*", "") + ".mv.db");
        long before = size(file);
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        System.out.printf(Locale.ROOT, "SHUTDOWN COMPACT: %s from %,.0f MiB to %,.0f MiB in %.1f s%n", file.getFileName(),
                before / 1048576.0, size(file) / 1048576.0, (System.nanoTime() - started) / 1e9);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long insertIdentities(Connection connection, int batch) throws SQLException {
        long started = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO identity (id, user_name, email, display_name,"
                + " display_name_key, status, successful_logins, restore_active, created_at, version) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 0)")) {
            for (int slot = 0; slot < identities; slot++) {
                Identity identity = identity(numberCreated(slot));
                insert.setString(1, identity.id());
                insert.setString(2, identity.user());
                insert.setString(3, identity.email());
                insert.setString(4, identity.displayName());
                insert.setString(5, identity.nameKey());
                insert.setString(6, identity.deactivated() ? "DEACTIVATED" : "ACTIVE");
                insert.setBoolean(7, identity.restoreActive());
                insert.setObject(8, timestamp(identity.createdMs()));
                insert.addBatch();
                int done = slot + 1;
                if (done % batch == 0 || done == identities) {
                    insert.executeBatch();
                    connection.commit();
                    progress("identities", slot - slot % batch, done, identities, started);
                }
            }
        }
        return System.nanoTime() - started;
    }

    private long insertDevices(Connection connection, int batch) throws SQLException {
        long started = System.nanoTime();
        MessageDigest sha256 = sha256();
        long total = 2L * identities;
        long written = 0;
        int pending = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO device (id, identity_id, public_key, token_hash,"
                + " name, platform, state, bound_via, created_at, last_seen_at, removed_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            for (int slot = 0; slot < identities; slot++) {
                int number = numberCreated(slot);
                Identity identity = identity(number);
                SplittableRandom random = new SplittableRandom(seed ^ (0x5DEECE66DL * number));
                for (int d = devices(number); d > 0; d--) {
                    written++;
                    long created = identity.createdMs() + random.nextLong(180L * 24 * 3600 * 1000);
                    long lastSeen = created + random.nextLong(90L * 24 * 3600 * 1000);
                    int state = random.nextInt(100);
                    int via = random.nextInt(100);
                    boolean ios = random.nextBoolean();
                    byte[] point = new byte[64];
                    random.nextBytes(point);
                    insert.setString(1, sequentialUuid(written, random).toString());
                    insert.setString(2, identity.id());
                    insert.setString(3, KEY_PREFIX + java.util.Base64.getEncoder().encodeToString(point));
                    insert.setString(4, String.format(Locale.ROOT, "%016x", written) + HexFormat.of().formatHex(sha256.digest(
                            (seed + "/device/" + written).getBytes(StandardCharsets.UTF_8))).substring(16));
                    insert.setString(5, PHONES[random.nextInt(PHONES.length)]);
                    insert.setString(6, ios ? "ios" : "android");
                    insert.setString(7, state < 88 ? "ACTIVE" : state < 97 ? "UNPAIRED" : "BLOCKED");
                    insert.setString(8, via < 85 ? "ENROLLMENT" : via < 93 ? "RESTORE" : via < 98 ? "DUPLICATION_QR"
                            : "DUPLICATION_CODE");
                    insert.setObject(9, timestamp(created));
                    insert.setObject(10, timestamp(lastSeen));
                    if (state < 88) {
                        insert.setNull(11, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        insert.setObject(11, timestamp(lastSeen));
                    }
                    insert.addBatch();
                    if (++pending == batch) {
                        insert.executeBatch();
                        connection.commit();
                        pending = 0;
                        progress("devices", written - batch, written, total, started);
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
                connection.commit();
                progress("devices", written - pending, written, total, started);
            }
        }
        if (written != total) {
            throw new IllegalStateException("wrote " + written + " devices instead of " + total);
        }
        return System.nanoTime() - started;
    }

    private static OffsetDateTime timestamp(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }

    /** A line whenever a batch crosses a tenth of the rows, so a slow database shows while it loads. */
    private static void progress(String what, long before, long done, long total, long started) {
        if (done * 10 / total != before * 10 / total) {
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "  %-10s %,10d of %,d  %6.1f s  %,8.0f rows/s%n", what, done, total, seconds,
                    done / seconds);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
