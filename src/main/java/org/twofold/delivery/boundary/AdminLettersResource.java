package org.twofold.delivery.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.delivery.control.LetterQueue;
import org.twofold.delivery.entity.LetterBatch;
import org.twofold.identity.control.Identities;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;

/**
 * {@code /admin/letters} (additive to PROTOCOL.md): the print queue of restore-code letters. Take the
 * waiting letters into a batch, download its PDF (as often as the printer needs) and confirm it printed,
 * which destroys the codes.
 */
@ApplicationScoped
@Path("admin/letters")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.ADMIN, Role.HELPDESK})
public class AdminLettersResource {

    static final String PDF = "application/pdf";

    @Inject
    LetterQueue queue;

    @Inject
    CurrentOperator operator;

    @Inject
    Identities identities;

    @GET
    public List<DeliveryView> waiting() {
        return DeliveryView.of(queue.waiting(1000), identities);
    }

    @GET
    @Path("batches")
    public List<BatchView> batches() {
        return queue.batches(100).stream().map(BatchView::of).toList();
    }

    @POST
    @Path("batches")
    @Transactional
    public Response createBatch() {
        return Response.status(Response.Status.CREATED).entity(BatchView.of(queue.createBatch(operator.actor()))).build();
    }

    @GET
    @Path("batches/{batchId}/pdf")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @Transactional
    public Response pdf(@PathParam("batchId") String batchId) {
        byte[] pdf = queue.pdf(batchId, operator.actor());
        return Response.ok(pdf, PDF)
                .header("Content-Disposition", "attachment; filename=\"restore-letters-" + batchId + ".pdf\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("batches/{batchId}/printed")
    @Transactional
    public BatchView printed(@PathParam("batchId") String batchId) {
        return BatchView.of(queue.printed(batchId, operator.actor()));
    }

    public record BatchView(String id, int letters, Instant createdAt, String createdBy, Instant printedAt,
                            String printedBy, String pdf) {
        static BatchView of(LetterBatch batch) {
            return new BatchView(batch.id(), batch.letters(), batch.createdAt(), batch.createdBy(), batch.printedAt(),
                    batch.printedBy(), batch.isPrinted() ? null : "/api/v1/admin/letters/batches/" + batch.id() + "/pdf");
        }
    }
}
