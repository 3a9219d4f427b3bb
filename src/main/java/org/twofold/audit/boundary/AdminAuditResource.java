package org.twofold.audit.boundary;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.twofold.audit.control.AuditCsv;
import org.twofold.audit.control.AuditQuery;
import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.control.ChainVerification;
import org.twofold.audit.entity.AuditEntry;
import org.twofold.audit.entity.Outcome;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;

/** Reading the audit trail and checking its hash chain. */
@ApplicationScoped
@Path("admin/audit")
@AllowedRoles({Role.SECURITY_OFFICER, Role.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

    static final String CSV = "text/csv; charset=UTF-8";

    @Inject
    AuditTrail trail;

    @Inject
    CurrentOperator operator;

    /** Newest first; page backwards with {@code before=<seq of the last entry seen>}. */
    @GET
    public List<Entry> search(@QueryParam("target") String target, @QueryParam("action") String action,
                              @QueryParam("actor") String actor, @QueryParam("before") @DefaultValue("0") long before,
                              @QueryParam("limit") @DefaultValue("100") int limit) {
        return trail.search(new AuditQuery(target, action, actor, before, limit)).stream().map(Entry::of).toList();
    }

    /**
     * Every entry the filters match, newest first, as CSV. Written while it is read, a page of
     * {@link AuditQuery#MAX_LIMIT} entries at a time, so a trail of millions never sits in memory whole.
     * The export itself is recorded.
     */
    @GET
    @Path("export")
    @Produces(CSV)
    public Response export(@QueryParam("target") String target, @QueryParam("action") String action,
                           @QueryParam("actor") String actor) {
        trail.recordSeparately(operator.actor(), "audit.export", "audit", Outcome.SUCCESS,
                "target=" + blankIfNull(target) + " action=" + blankIfNull(action) + " actor=" + blankIfNull(actor));
        StreamingOutput csv = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write(AuditCsv.HEADER);
            long before = 0;
            List<AuditEntry> page;
            do {
                page = trail.search(new AuditQuery(target, action, actor, before, AuditQuery.MAX_LIMIT));
                for (AuditEntry entry : page) {
                    writer.write(AuditCsv.line(entry));
                }
                before = page.isEmpty() ? before : page.get(page.size() - 1).seq();
                writer.flush();
            } while (page.size() == AuditQuery.MAX_LIMIT);
        };
        return Response.ok(csv, CSV)
                .header("Content-Disposition", "attachment; filename=\"twofold-audit.csv\"")
                .build();
    }

    @GET
    @Path("verification")
    public ChainVerification verify() {
        return trail.verify();
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value;
    }

    public record Entry(long seq, Instant at, String actor, String action, String target, String sourceAddress,
                        String outcome, String detail, String hash) {
        static Entry of(AuditEntry entry) {
            return new Entry(entry.seq(), entry.recordedAt(), entry.actor(), entry.action(), entry.target(),
                    entry.sourceAddress(), entry.outcome().name(), entry.detail(), entry.hash());
        }
    }
}
