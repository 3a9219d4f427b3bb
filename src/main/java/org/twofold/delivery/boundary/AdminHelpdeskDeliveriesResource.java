package org.twofold.delivery.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.delivery.control.HelpdeskDeliveries;
import org.twofold.delivery.entity.Channel;
import org.twofold.identity.control.Identities;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.Refusal;

/**
 * {@code /admin/restore-code-deliveries} (additive to PROTOCOL.md): restore codes the helpdesk gives out
 * itself. Each is shown once, after the operator records how they checked the person: an IN_PERSON handout
 * as a PDF, a PHONE code on screen to read out.
 */
@ApplicationScoped
@Path("admin/restore-code-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.ADMIN, Role.HELPDESK})
public class AdminHelpdeskDeliveriesResource {

    @Inject
    HelpdeskDeliveries deliveries;

    @Inject
    CurrentOperator operator;

    @Inject
    Identities identities;

    /** Waiting codes of one channel: {@code ?channel=IN_PERSON} or {@code ?channel=PHONE}. */
    @GET
    public List<DeliveryView> waiting(@QueryParam("channel") String channel) {
        if (!Channel.IN_PERSON.name().equals(channel) && !Channel.PHONE.name().equals(channel)) {
            throw Refusal.invalidRequest("Query parameter 'channel' must be IN_PERSON or PHONE");
        }
        return DeliveryView.of(deliveries.waiting(Channel.valueOf(channel), 200), identities);
    }

    /** {@code {"identityCheck": "ID card checked at the desk"}} → the handout PDF, once. */
    @POST
    @Path("{deliveryId}/handout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({AdminLettersResource.PDF, MediaType.APPLICATION_JSON})
    @Transactional
    public Response handout(@PathParam("deliveryId") String deliveryId, JsonObject body) {
        String identityCheck = JsonMembers.of(body).text("identityCheck", 500);
        byte[] pdf = deliveries.handOut(deliveryId, identityCheck, operator.actor());
        return Response.ok(pdf, AdminLettersResource.PDF)
                .header("Content-Disposition", "attachment; filename=\"restore-code-handout.pdf\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** {@code {"callerVerification": "called back on the directory number"}} → the code, once. */
    @POST
    @Path("{deliveryId}/reveal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response reveal(@PathParam("deliveryId") String deliveryId, JsonObject body) {
        String verification = JsonMembers.of(body).text("callerVerification", 500);
        return Response.ok(deliveries.reveal(deliveryId, verification, operator.actor()))
                .header("Cache-Control", "no-store")
                .build();
    }
}
