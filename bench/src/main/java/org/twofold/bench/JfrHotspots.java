package org.twofold.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the appliance spends CPU, from a JFR recording ({@code run.sh --jfr} records the appliance with
 * {@code settings=profile} from readiness on): execution samples by leaf method ("self"), by component of the leaf frame,
 * and the Twofold methods that are on the stack most often ("inclusive").
 *
 * <pre>java -cp ... org.twofold.bench.JfrHotspots appliance-h2.jfr [--top=25] [--from=epochMs --until=epochMs]</pre>
 */
public final class JfrHotspots {

    /** Components by package prefix, first match wins. */
    static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("sun.security.ec", "ECDSA (sun.security.ec/util.math)");
        COMPONENTS.put("sun.security.util.math", "ECDSA (sun.security.ec/util.math)");
        COMPONENTS.put("sun.security.provider", "hashing (SHA)");
        COMPONENTS.put("com.sun.crypto.provider", "HMAC/ciphers (com.sun.crypto)");
        COMPONENTS.put("org.h2", "H2 database");
        COMPONENTS.put("org.postgresql", "PostgreSQL JDBC driver");
        COMPONENTS.put("org.eclipse.persistence", "EclipseLink JPA");
        COMPONENTS.put("com.sun.gjc", "JDBC pool (com.sun.gjc / enterprise.resource)");
        COMPONENTS.put("com.sun.enterprise.resource", "JDBC pool (com.sun.gjc / enterprise.resource)");
        COMPONENTS.put("com.sun.enterprise.transaction", "JTA transactions");
        COMPONENTS.put("com.sun.jts", "JTA transactions");
        COMPONENTS.put("org.glassfish.jersey", "Jersey JAX-RS");
        COMPONENTS.put("org.glassfish.grizzly", "Grizzly HTTP");
        COMPONENTS.put("org.apache.catalina", "Servlet container (catalina)");
        COMPONENTS.put("org.glassfish.web", "Servlet container (catalina)");
        COMPONENTS.put("com.sun.enterprise.security", "security");
        COMPONENTS.put("com.sun.web.security", "security");
        COMPONENTS.put("org.glassfish.soteria", "security");
        COMPONENTS.put("org.jboss.weld", "Weld CDI");
        COMPONENTS.put("org.eclipse.yasson", "JSON-B / JSON-P");
        COMPONENTS.put("org.eclipse.parsson", "JSON-B / JSON-P");
        COMPONENTS.put("org.glassfish.json", "JSON-B / JSON-P");
        COMPONENTS.put("fish.payara.nucleus.requesttracing", "Payara request tracing/monitoring");
        COMPONENTS.put("fish.payara", "Payara other");
        COMPONENTS.put("org.twofold", "Twofold code");
        COMPONENTS.put("com.unboundid", "UnboundID LDAP SDK");
        COMPONENTS.put("sun.security.ssl", "TLS (sun.security.ssl)");
        COMPONENTS.put("java.util.logging", "logging");
        COMPONENTS.put("java.util.regex", "JDK regex");
        COMPONENTS.put("java.lang.invoke", "JDK reflection/invoke");
        COMPONENTS.put("java.lang.reflect", "JDK reflection/invoke");
        COMPONENTS.put("jdk.internal.reflect", "JDK reflection/invoke");
        COMPONENTS.put("java.", "JDK other");
        COMPONENTS.put("javax.", "JDK other");
        COMPONENTS.put("jdk.", "JDK other");
        COMPONENTS.put("sun.", "JDK other");
    }

    private JfrHotspots() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Options options = new Options(java.util.Arrays.copyOfRange(args, 1, args.length));
        int top = options.integer("top", 25);
        long from = Long.parseLong(options.text("from", "0"));
        long until = Long.parseLong(options.text("until", Long.toString(Long.MAX_VALUE)));
        Map<String, Integer> onBehalf = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> twofoldInclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            long at = event.getStartTime().toEpochMilli();
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty() || at < from || at > until) {
                continue;
            }
            samples++;
            String leaf = name(frames.get(0).getMethod());
            self.merge(leaf, 1, Integer::sum);
            components.merge(component(leaf), 1, Integer::sum);
            onBehalf.merge(callerComponent(frames), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame.getMethod());
                if (method.startsWith("org.twofold") && !method.contains("$Proxy$") && seen.add(method)) {
                    twofoldInclusive.merge(method, 1, Integer::sum);
                }
            }
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "== JFR hotspots of %s (%d execution samples%s)%n", file, samples,
                from > 0 ? ", measured window only" : "");
        print("self time by component of the leaf frame", components, samples, top);
        print("self time by component, JDK frames charged to the library that called them", onBehalf, samples, top);
        print("self time by method", self, samples, top);
        print("Twofold methods on the stack (inclusive)", twofoldInclusive, samples, top);
        print("samples by thread (digits folded)", threads, samples, 10);
    }

    static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println("-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    /** The component of the first frame (from the leaf) that is not plain JDK code. */
    static String callerComponent(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String component = component(name(frame.getMethod()));
            if (!component.equals("JDK other") && !component.equals("JDK reflection/invoke")
                    && !component.equals("logging") && !component.equals("JDK regex")) {
                return component;
            }
        }
        return "JDK other";
    }

    static String component(String method) {
        for (Map.Entry<String, String> entry : COMPONENTS.entrySet()) {
            if (method.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return "other (" + method.substring(0, Math.max(0, method.lastIndexOf('.', Math.max(0, method.lastIndexOf('.') - 1)))) + ")";
    }

    static String name(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }
}
