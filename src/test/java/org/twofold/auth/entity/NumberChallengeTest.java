package org.twofold.auth.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Test;

/** Number matching: the display number hides among two decoys at a random place. */
class NumberChallengeTest {

    @Test
    void threeDistinctTwoDigitChoicesThatContainTheDisplayNumber() {
        SecureRandom random = new SecureRandom();
        for (int run = 0; run < 2000; run++) {
            NumberChallenge challenge = NumberChallenge.create(random::nextInt);
            List<String> choices = challenge.choices();
            assertEquals(3, choices.size(), choices::toString);
            assertEquals(3, new HashSet<>(choices).size(), choices::toString);
            for (String choice : choices) {
                assertTrue(choice.matches("[1-9][0-9]"), choice);
            }
            assertTrue(challenge.displayNumber().matches("[1-9][0-9]"), challenge.displayNumber());
            assertTrue(choices.contains(challenge.displayNumber()), challenge::toString);
        }
    }

    @Test
    void choicesCannotBeChangedAfterwards() {
        NumberChallenge challenge = NumberChallenge.create(new SecureRandom()::nextInt);
        assertThrows(UnsupportedOperationException.class, () -> challenge.choices().set(0, "00"));
    }

    @Test
    void scriptedRandomnessShufflesTheDisplayNumberToTheEnd() {
        // numbers: 47, 47 again (a duplicate is drawn anew), 12, 90 -> [47, 12, 90], display 47
        // Fisher-Yates: swap(2, 0) -> [90, 12, 47]; swap(1, 0) -> [12, 90, 47]
        Scripted random = new Scripted(37, 37, 2, 80, 0, 0);
        NumberChallenge challenge = NumberChallenge.create(random);
        assertEquals("47", challenge.displayNumber());
        assertEquals(List.of("12", "90", "47"), challenge.choices());
        assertTrue(random.exhausted(), "every scripted draw was used");
    }

    @Test
    void scriptedRandomnessCanLeaveTheOrderAlone() {
        // swap(2, 2) and swap(1, 1) keep [47, 12, 90]
        NumberChallenge challenge = NumberChallenge.create(new Scripted(37, 2, 80, 2, 1));
        assertEquals("47", challenge.displayNumber());
        assertEquals(List.of("47", "12", "90"), challenge.choices());
    }

    @Test
    void scriptedRandomnessCoversTheRangeEnds() {
        // numbers 10, 99, 55; swap(2, 1) -> [10, 55, 99]; swap(1, 0) -> [55, 10, 99]
        NumberChallenge challenge = NumberChallenge.create(new Scripted(0, 89, 45, 1, 0));
        assertEquals("10", challenge.displayNumber());
        assertEquals(List.of("55", "10", "99"), challenge.choices());
    }

    @Test
    void overManyRunsTheDisplayNumberTakesEveryPositionAboutEquallyOften() {
        SecureRandom random = new SecureRandom();
        int runs = 3000;
        int[] position = new int[3];
        Set<String> displayNumbers = new HashSet<>();
        for (int run = 0; run < runs; run++) {
            NumberChallenge challenge = NumberChallenge.create(random::nextInt);
            position[challenge.choices().indexOf(challenge.displayNumber())]++;
            displayNumbers.add(challenge.displayNumber());
        }
        for (int i = 0; i < 3; i++) {
            // expected 1000 each, standard deviation ~26: 800..1200 fails a biased shuffle, never a fair one
            assertTrue(position[i] > 800 && position[i] < 1200,
                    "position " + i + " taken " + position[i] + " times of " + runs);
        }
        assertEquals(90, displayNumbers.size(), "every number 10..99 is shown sometimes");
    }

    /** Answers the scripted values in order, checking each lies within the bound asked for. */
    private static final class Scripted implements IntUnaryOperator {
        private final Deque<Integer> values = new ArrayDeque<>();

        Scripted(int... values) {
            for (int value : values) {
                this.values.add(value);
            }
        }

        @Override
        public int applyAsInt(int bound) {
            Integer next = values.poll();
            if (next == null) {
                throw new AssertionError("more random draws than scripted (bound " + bound + ")");
            }
            if (next < 0 || next >= bound) {
                throw new AssertionError("scripted " + next + " is outside [0, " + bound + ")");
            }
            return next;
        }

        boolean exhausted() {
            return values.isEmpty();
        }
    }
}
