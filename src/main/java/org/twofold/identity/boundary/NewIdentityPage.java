package org.twofold.identity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.twofold.dashboard.boundary.Messages;

/**
 * A local identity made on the users page, with its first activation code shown once as a QR code. The
 * bean lives for one request, so the code is never kept in the session.
 */
@Named("newIdentity")
@RequestScoped
public class NewIdentityPage {

    @Inject
    AdminIdentitiesResource identities;

    private String user;
    private String email;
    private String displayName;
    private AdminIdentitiesResource.Created created;

    public void create() {
        JsonObjectBuilder body = Json.createObjectBuilder().add("user", user == null ? "" : user.strip());
        if (email != null && !email.isBlank()) {
            body.add("email", email.strip());
        }
        if (displayName != null && !displayName.isBlank()) {
            body.add("displayName", displayName.strip());
        }
        Messages.run(() -> created = (AdminIdentitiesResource.Created) identities.create(body.build()).getEntity(),
                "Identity created. Its activation code is shown only now: scan it with the Twofold app.");
    }

    public AdminIdentitiesResource.Created getCreated() {
        return created;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }
}
