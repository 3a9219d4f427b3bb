package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.restore.RestoreFixtures.wrongCode;
import static org.twofold.testing.Problems.assertProblem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.json.Json;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.PolicyFixtures;

/**
 * Promise 9, "nothing can be used to find out who has an account": {@code POST /restore} answers an unknown
 * user, a wrong restore code, an identity whose restore is off and one whose policy prohibits restore (asked
 * with its right code) alike — the same status, byte for byte the same body, and the same time within a few
 * milliseconds.
 */
@ExtendWith(ApplianceExtension.class)
class RestoreEnumerationIT {

    /**
     * Measured runs per case ({@code -Denum.runs=N} to change); every run uses a user name and a client address
     * of its own, so no lock interferes. Single answers here scatter widely (p10 ≈ 8 ms, p90 ≈ 30 ms on this
     * shared 2-core machine, from garbage collection and other processes), so the median of n answers is
     * uncertain by about 1.25 σ / √n ≈ 1.1 ms for n = 80, and the difference of two medians by about 1.6 ms:
     * 80 runs keep a 5 ms bound about three of those away from false alarms. (With 40 runs and a new HTTP
     * client per request, medians of equal work came out up to 4 ms apart.)
     */
    private static final int RUNS = Integer.getInteger("enum.runs", 80);
    private static final int WARM_UP = 8;

    /**
     * The allowed difference between the median answer times of two cases. The three cases are measured
     * round-robin in shuffled order, so load changes hit every case alike. The bound catches work that only
     * one case does and that costs milliseconds: a slow key derivation or password hash (tens of ms), a mail
     * queued with its own commit, a remote lookup. It cannot catch differences below a millisecond or two,
     * such as one row read more or less (an unknown user's restore credential is not looked up at all); an
     * attacker would need thousands of samples per name to see those through this scatter.
     */
    private static final double BOUND_MS = 5.0;

    enum Case { UNKNOWN_USER, WRONG_CODE, RESTORE_OFF, RESTORE_PROHIBITED }

    private ApplianceServer server;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
    }

    @Test
    void unknownUserWrongCodeRestoreOffAndProhibitedAnswerAlikeInStatusBodyAndTime() {
        int total = WARM_UP + RUNS;
        List<String> restoreOn = new ArrayList<>();
        List<String> restoreOff = new ArrayList<>();
        List<String> prohibited = new ArrayList<>();
        List<String> prohibitedCodes = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String forbidden = Fixtures.unique("enum-forbid");
            prohibitedCodes.add(activateRestore(Fixtures.enrolledUser(server, forbidden)));
            prohibited.add(forbidden);
            String on = Fixtures.unique("enum-on");
            activateRestore(Fixtures.enrolledUser(server, on));
            restoreOn.add(on);
            String off = Fixtures.unique("enum-off");
            Fixtures.enrolledUser(server, off);
            restoreOff.add(off);
        }

        PolicyFixtures.save(server, Fixtures.unique("enum-prohibit"), "{\"priority\":" + PolicyFixtures.uniquePriority()
                + ",\"users\":" + Json.createArrayBuilder(prohibited).build() + ",\"restoreAllowed\":false}")
                .expect(201);

        // One HTTP client (kept-alive connections) for all probes, as one phone app would use: a new client per
        // request would add connection set-up and thread start-up jitter of its own to every measurement.
        Appliance client = server.client();
        Map<Case, List<Double>> millis = new EnumMap<>(Case.class);
        for (Case c : Case.values()) {
            millis.put(c, new ArrayList<>());
        }
        Set<String> bodies = new HashSet<>();
        Random shuffle = new Random(4);
        List<Case> order = new ArrayList<>(List.of(Case.values()));
        for (int run = 0; run < total; run++) {
            Collections.shuffle(order, shuffle);
            for (Case c : order) {
                String user = switch (c) {
                    case UNKNOWN_USER -> Fixtures.unique("enum-none");
                    case WRONG_CODE -> restoreOn.get(run);
                    case RESTORE_OFF -> restoreOff.get(run);
                    case RESTORE_PROHIBITED -> prohibited.get(run);
                };
                DeviceSimulator newPhone = client.from(Fixtures.uniqueAddress()).newDevice("probe");
                String code = c == Case.RESTORE_PROHIBITED ? prohibitedCodes.get(run) : wrongCode();
                long started = System.nanoTime();
                Answer answer = newPhone.startRestore(user, code);
                double elapsed = (System.nanoTime() - started) / 1_000_000.0;
                assertProblem(answer, 400, "invalid-restore-credentials");
                bodies.add(answer.body());
                if (run >= WARM_UP) {
                    millis.get(c).add(elapsed);
                }
            }
        }

        assertEquals(1, bodies.size(), () -> "every refusal has byte for byte the same body: " + bodies);
        Map<Case, Double> medians = new EnumMap<>(Case.class);
        millis.forEach((c, times) -> medians.put(c, median(times)));
        System.out.printf("POST /restore refusal medians over %d runs each: %s (ms)%n", RUNS, medians);
        millis.forEach((c, times) -> {
            List<Double> sorted = times.stream().sorted().toList();
            System.out.printf("  %s p10=%.1f p25=%.1f p50=%.1f p75=%.1f p90=%.1f%n", c, sorted.get(sorted.size() / 10),
                    sorted.get(sorted.size() / 4), sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 3 / 4),
                    sorted.get(sorted.size() * 9 / 10));
        });
        for (Case a : Case.values()) {
            for (Case b : Case.values()) {
                double difference = Math.abs(medians.get(a) - medians.get(b));
                assertTrue(difference < BOUND_MS, () -> String.format(
                        "median answer times of %s and %s differ by %.2f ms (bound %.1f ms): %s", a, b, difference,
                        BOUND_MS, medians));
            }
        }
    }

    /** A lock tells nothing either: a guessed-at name nobody has is locked and answered like a real one. */
    @Test
    void aLockedUnknownNameAnswersLikeALockedRealName() {
        String real = Fixtures.unique("enum-real");
        activateRestore(Fixtures.enrolledUser(server, real));
        String nobody = Fixtures.unique("enum-ghost");
        List<String> lockedBodies = new ArrayList<>();
        for (String user : List.of(real, nobody)) {
            for (int i = 0; i < 5; i++) {
                assertProblem(server.client().from(Fixtures.uniqueAddress()).newDevice("guess").startRestore(user, wrongCode()),
                        400, "invalid-restore-credentials");
            }
            Answer locked = server.client().from(Fixtures.uniqueAddress()).newDevice("guess").startRestore(user, wrongCode());
            assertProblem(locked, 429, "too-many-attempts");
            lockedBodies.add(locked.body());
        }
        assertEquals(lockedBodies.get(0), lockedBodies.get(1), "byte for byte the same lock answer");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
