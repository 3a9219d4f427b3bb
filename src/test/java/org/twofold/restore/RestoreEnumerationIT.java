package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreSteps.activateRestore;
import static org.twofold.restore.RestoreSteps.wrongCode;
import static org.twofold.testing.Problems.assertProblem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/**
 * Promise 9, "nothing can be used to find out who has an account": {@code POST /restore} answers an unknown
 * user, a wrong restore code and an identity whose restore is off alike — the same status, byte for byte the
 * same body, and the same time within a few milliseconds.
 *
 * <p>The fourth case of issue 4, "restore prohibited by policy", cannot be tested yet: restore policies do
 * not exist (RestoreRules answers the {@code default} policy's "restore allowed" for everyone), so no
 * identity can be made one whose restore is prohibited. Its refusal goes through the same single branch in
 * {@code Restores.start} as the three cases here.
 */
@ExtendWith(ApplianceExtension.class)
class RestoreEnumerationIT {

    /** Measured runs per case; every run uses a user name and a client address of its own, so no lock interferes. */
    private static final int RUNS = 40;
    private static final int WARM_UP = 8;

    /**
     * The allowed difference between the median answer times of two cases. Answers travel over loopback
     * on a shared 2-core machine, where single answers scatter by several milliseconds; the median of 40
     * runs, taken round-robin so that load changes hit every case alike, stays within about a millisecond
     * when the work is the same. The differences the bound must catch are whole steps of work done for one
     * case only — a slow key derivation, a mail queued, an extra transaction or HTTP round trip — each of
     * which costs well over 5 ms here. It cannot tell apart differences below a millisecond, such as one
     * indexed row read more or less; those are not measurable over a network either.
     */
    private static final double BOUND_MS = 5.0;

    enum Case { UNKNOWN_USER, WRONG_CODE, RESTORE_OFF }

    private ApplianceServer server;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
    }

    @Test
    void unknownUserWrongCodeAndRestoreOffAnswerAlikeInStatusBodyAndTime() {
        int total = WARM_UP + RUNS;
        List<String> restoreOn = new ArrayList<>();
        List<String> restoreOff = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String on = Fixtures.unique("enum-on");
            activateRestore(Fixtures.enrolledUser(server, on));
            restoreOn.add(on);
            String off = Fixtures.unique("enum-off");
            Fixtures.enrolledUser(server, off);
            restoreOff.add(off);
        }

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
                };
                DeviceSimulator newPhone = server.client().from(Fixtures.uniqueAddress()).newDevice("probe");
                String code = wrongCode();
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
