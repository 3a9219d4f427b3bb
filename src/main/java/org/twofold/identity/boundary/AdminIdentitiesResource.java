package org.twofold.identity.boundary;

import java.time.Instant;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.device.boundary.DeviceView;
import org.twofold.device.control.DeviceRegistry;
import org.twofold.identity.control.Identities;
import org.twofold.identity.control.IssuedActivationCode;
import org.twofold.identity.control.NewIdentity;
import org.twofold.identity.entity.Identity;
import org.twofold.identity.entity.IdentityStatus;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.ApplianceUrl;
import org.twofold.platform.control.JsonMembers;
import org.twofold.restore.control.RestoreLocks;

/** Operators create identities, hand out activation codes and switch identities off and on. */
@ApplicationScoped
@Path("admin/identities")
@Produces(MediaType.APPLICATION_JSON)
public class AdminIdentitiesResource {

    /** Lines of a postal address (additive member {@code postalAddress}; the directory sync fills it too). */
    private static final int MAX_ADDRESS_LINES = 6;

    @Inject
    Identities identities;

    @Inject
    DeviceRegistry devices;

    @Inject
    CurrentOperator operator;

    @Inject
    ApplianceUrl applianceUrl;

    @Inject
    RestoreLocks restoreLocks;

    @POST
    @AllowedRoles({Role.ADMIN, Role.HELPDESK})
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        NewIdentity created = identities.create(request.text("user", 128),
                request.optionalText("email", 320).orElse(null),
                request.optionalText("displayName", 200).orElse(null),
                request.texts("postalAddress", MAX_ADDRESS_LINES, 100), operator.actor());
        IssuedActivationCode code = created.activationCode();
        String url = applianceUrl.value();
        return Response.status(Response.Status.CREATED)
                .entity(new Created(created.identity().user(), code.code(), code.qr(url), code.link(url), code.expiresAt()))
                .build();
    }

    @POST
    @Path("{user}/activation-codes")
    @AllowedRoles({Role.ADMIN, Role.HELPDESK})
    @Transactional
    public Response activationCode(@PathParam("user") String user) {
        IssuedActivationCode code = identities.issueActivationCode(user, operator.actor());
        String url = applianceUrl.value();
        return Response.status(Response.Status.CREATED)
                .entity(new ActivationCodeIssued(code.code(), code.qr(url), code.link(url), code.expiresAt()))
                .build();
    }

    @GET
    @Path("{user}")
    @AllowedRoles
    public Details details(@PathParam("user") String user) {
        Identity identity = identities.require(user);
        List<DeviceView> deviceViews = devices.devicesOf(identity.id()).stream()
                .map(device -> DeviceView.of(device, null)).toList();
        DirectoryLink directory = identity.directoryConnectionId() == null ? null : new DirectoryLink(
                identity.directoryConnectionId(), identity.directoryDisabled(), identity.directoryDeleted());
        return new Details(identity.user(), identity.email(), identity.displayName(), identity.postalAddress(),
                identity.status().name(), directory, deviceViews, new RestoreSummary(identity.restoreActive(), restoreLocks.isLocked(identity)),
                identity.successfulLogins());
    }

    @POST
    @Path("{user}/deactivate")
    @AllowedRoles({Role.ADMIN, Role.HELPDESK})
    @Transactional
    public Details deactivate(@PathParam("user") String user) {
        identities.changeStatus(user, IdentityStatus.DEACTIVATED, operator.actor());
        return details(user);
    }

    @POST
    @Path("{user}/reactivate")
    @AllowedRoles({Role.ADMIN, Role.HELPDESK})
    @Transactional
    public Details reactivate(@PathParam("user") String user) {
        identities.changeStatus(user, IdentityStatus.ACTIVE, operator.actor());
        return details(user);
    }

    @POST
    @Path("{user}/restore-unlock")
    @AllowedRoles({Role.ADMIN, Role.SECURITY_OFFICER, Role.HELPDESK})
    @Transactional
    public Details unlockRestore(@PathParam("user") String user) {
        restoreLocks.unlock(identities.require(user), operator.actor());
        return details(user);
    }

    public record Created(String user, String activationCode, String activationQr, String activationLink,
                          Instant expiresAt) {
    }

    public record ActivationCodeIssued(String activationCode, String activationQr, String activationLink,
                                       Instant expiresAt) {
    }

    /** {@code directory} is null for an identity no directory sync links to an entry. */
    public record Details(String user, String email, String displayName, List<String> postalAddress, String status,
                          DirectoryLink directory,
                          List<DeviceView> devices, RestoreSummary restore, long successfulLogins) {
    }

    /** The directory connection (its id) the identity comes from, and what the directory said of the account. */
    public record DirectoryLink(String connection, boolean disabled, boolean deleted) {
    }

    /** {@code locked}: restore is shut by failed guesses or a blocked newcomer until an operator opens it. */
    public record RestoreSummary(boolean active, boolean locked) {
    }
}
