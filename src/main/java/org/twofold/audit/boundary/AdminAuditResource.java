package org.twofold.audit.boundary;

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

import org.twofold.audit.control.AuditQuery;
import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.control.ChainVerification;
import org.twofold.audit.entity.AuditEntry;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.entity.Role;

/** Reading the audit trail and checking its hash chain. */
@ApplicationScoped
@Path("admin/audit")
@AllowedRoles({Role.SECURITY_OFFICER, Role.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

    @Inject
    AuditTrail trail;

    /** Newest first; page backwards with {@code before=<seq of the last entry seen>}. */
    @GET
    public List<Entry> search(@QueryParam("target") String target, @QueryParam("action") String action,
                              @QueryParam("actor") String actor, @QueryParam("before") @DefaultValue("0") long before,
                              @QueryParam("limit") @DefaultValue("100") int limit) {
        return trail.search(new AuditQuery(target, action, actor, before, limit)).stream().map(Entry::of).toList();
    }

    @GET
    @Path("verification")
    public ChainVerification verify() {
        return trail.verify();
    }

    public record Entry(long seq, Instant at, String actor, String action, String target, String sourceAddress,
                        String outcome, String detail, String hash) {
        static Entry of(AuditEntry entry) {
            return new Entry(entry.seq(), entry.recordedAt(), entry.actor(), entry.action(), entry.target(),
                    entry.sourceAddress(), entry.outcome().name(), entry.detail(), entry.hash());
        }
    }
}
