package org.twofold.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Benchmark settings from {@code --name=value} / {@code --name value} arguments, falling back to the
 * system property {@code bench.name} (so {@code mvn exec:java -Dbench.devices=8} works), then a default.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "' (use --name=value)");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals >= 0) {
                values.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                values.put(name, "true");
            }
        }
    }

    String text(String name, String fallback) {
        String value = values.get(name);
        if (value == null) {
            value = System.getProperty("bench." + name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    String required(String name) {
        String value = text(name, null);
        if (value == null) {
            throw new IllegalArgumentException("Missing --" + name + "=<value> (or -Dbench." + name + ")");
        }
        return value;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }

    long pid(String name) {
        String value = text(name, "");
        return value.isEmpty() ? -1 : Long.parseLong(value);
    }
}
