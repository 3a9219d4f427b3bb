package org.twofold.auth.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/** Number matching: a two-digit number for the login page and three distinct choices for the device. */
public record NumberChallenge(String displayNumber, List<String> choices) {

    static final int CHOICES = 3;

    /** @param random gives a uniform int in [0, bound) — a SecureRandom in production */
    public static NumberChallenge create(IntUnaryOperator random) {
        Set<String> numbers = new LinkedHashSet<>();
        while (numbers.size() < CHOICES) {
            numbers.add(String.valueOf(10 + random.applyAsInt(90)));
        }
        List<String> choices = new ArrayList<>(numbers);
        String display = choices.get(0);
        for (int i = choices.size() - 1; i > 0; i--) {
            Collections.swap(choices, i, random.applyAsInt(i + 1));
        }
        return new NumberChallenge(display, List.copyOf(choices));
    }
}
