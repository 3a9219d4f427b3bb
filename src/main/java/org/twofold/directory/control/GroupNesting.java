package org.twofold.directory.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which groups each group is nested in (normalised DNs, from the groups' own memberOf), so a user's
 * memberships can be resolved to every group they belong to through any depth of nesting — as Active
 * Directory's in-chain matching rule would, without asking the directory once per user. Circular nesting,
 * which Active Directory permits, ends where it closes.
 */
final class GroupNesting {

    private final Map<String, Set<String>> parents;
    private final Map<String, Set<String>> ancestors = new HashMap<>();

    GroupNesting(Map<String, Set<String>> parents) {
        this.parents = parents;
    }

    /** The given direct memberships and every group they are nested in. */
    Set<String> transitive(Set<String> direct) {
        if (direct.isEmpty()) {
            return direct;
        }
        Set<String> all = new HashSet<>(direct);
        for (String group : direct) {
            all.addAll(ancestors.computeIfAbsent(group, this::walkUp));
        }
        return Set.copyOf(all);
    }

    private Set<String> walkUp(String group) {
        Set<String> found = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(parents.getOrDefault(group, Set.of()));
        while (!pending.isEmpty()) {
            String parent = pending.pop();
            if (found.add(parent)) {
                pending.addAll(parents.getOrDefault(parent, Set.of()));
            }
        }
        return Set.copyOf(found);
    }

    /** The groups nested directly in this one. */
    Set<String> nestedIn(String group) {
        Set<String> nested = new HashSet<>();
        parents.forEach((child, nestedInto) -> {
            if (nestedInto.contains(group)) {
                nested.add(child);
            }
        });
        return nested;
    }

    /** Changes whenever any nesting changes: an incremental run cannot follow that, a full run must. */
    String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(parents).forEach((group, nestedIn) -> {
                if (!nestedIn.isEmpty()) {
                    digest.update((group + "\n" + String.join("\n", new TreeSet<>(nestedIn)) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
