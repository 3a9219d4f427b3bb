package org.twofold.auth.boundary;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;

import org.twofold.dashboard.boundary.Messages;

/**
 * Relying parties: register, rotate a key, revoke. Request-scoped on purpose: a new API key lives only in
 * the response that shows it, never in the session (which a cluster may copy to other nodes).
 */
@Named("relyingParties")
@RequestScoped
public class RelyingPartiesPage {

    @Inject
    AdminRelyingPartiesResource resource;

    private List<AdminRelyingPartiesResource.Listed> parties;
    private String name;
    private AdminRelyingPartiesResource.Created shownKey;

    public void register() {
        if (name == null || name.isBlank()) {
            Messages.error("Give the relying party a name, e.g. the application's.");
            return;
        }
        if (Messages.run(() -> shownKey = (AdminRelyingPartiesResource.Created) resource
                .register(Json.createObjectBuilder().add("name", name).build()).getEntity(),
                "Relying party registered.")) {
            name = null;
            parties = null;
        }
    }

    public void rotate(String id) {
        if (Messages.run(() -> shownKey = (AdminRelyingPartiesResource.Created) resource.rotate(id).getEntity(),
                "New API key issued; the old key no longer works.")) {
            parties = null;
        }
    }

    public void revoke(String id) {
        if (Messages.run(() -> resource.revoke(id), "Relying party revoked: its calls are refused from now on.")) {
            parties = null;
        }
    }

    public List<AdminRelyingPartiesResource.Listed> getParties() {
        if (parties == null) {
            parties = resource.list();
        }
        return parties;
    }

    public AdminRelyingPartiesResource.Created getShownKey() {
        return shownKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
