package org.twofold.operator.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import org.twofold.dashboard.boundary.Messages;
import org.twofold.operator.entity.Role;

/**
 * Operator accounts: create one, change one's roles or password, delete one. The passwords typed here are
 * forgotten as soon as the action ran, so they do not stay in the view state.
 */
@Named("operators")
@ViewScoped
public class OperatorsPage implements Serializable {

    @Inject
    AdminOperatorsResource resource;

    @Inject
    CurrentOperator current;

    private List<AdminOperatorsResource.Listed> accounts;
    private final Account created = new Account();
    private String selected;
    private final Account edited = new Account();

    public void load() {
        accounts = resource.list();
    }

    public void create() {
        try {
            if (!created.passwordsMatch()) {
                return;
            }
            if (Messages.run(() -> resource.create(Json.createObjectBuilder().add("name", text(created.name))
                    .add("password", created.password).add("roles", Json.createArrayBuilder(created.roles)).build()),
                    "Operator " + created.name + " created.")) {
                created.name = null;
                created.roles = new ArrayList<>();
                load();
            }
        } finally {
            created.forgetPasswords();
        }
    }

    public void select(String name) {
        selected = name;
        edited.roles = accounts.stream().filter(account -> account.name().equals(name)).findFirst()
                .map(account -> account.roles().stream().map(Role::name).toList())
                .map(ArrayList::new).orElseGet(ArrayList::new);
        edited.forgetPasswords();
    }

    public void close() {
        selected = null;
        edited.forgetPasswords();
    }

    public void saveRoles() {
        JsonObject body = Json.createObjectBuilder().add("roles", Json.createArrayBuilder(edited.roles)).build();
        if (Messages.run(() -> resource.changeRoles(selected, body), "Roles of " + selected + " saved; they count from "
                + selected + "'s next click on.")) {
            load();
        }
    }

    /** A new password ends the operator's sessions; one's own new password keeps this session signed in. */
    public void setPassword() {
        try {
            if (!edited.passwordsMatch()) {
                return;
            }
            JsonObject body = Json.createObjectBuilder().add("password", edited.password).build();
            if (Messages.run(() -> resource.changePassword(selected, body), "New password of " + selected
                    + " set; sessions signed in with the old one are over.") && selected.equals(current.name())) {
                HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance()
                        .getExternalContext().getRequest();
                SignedInOperator.local(selected, Instant.now()).keepIn(request.getSession());
            }
        } finally {
            edited.forgetPasswords();
        }
    }

    public void delete() {
        if (Messages.run(() -> resource.delete(selected), "Operator " + selected + " deleted.")) {
            selected = null;
            load();
        }
    }

    public Role[] getAllRoles() {
        return Role.values();
    }

    public List<AdminOperatorsResource.Listed> getAccounts() {
        return accounts;
    }

    public Account getCreated() {
        return created;
    }

    public String getSelected() {
        return selected;
    }

    public Account getEdited() {
        return edited;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** What the operator typed for one account: name, roles, the password twice. */
    public static class Account implements Serializable {
        private String name;
        private List<String> roles = new ArrayList<>();
        private String password;
        private String repeated;

        boolean passwordsMatch() {
            if (password == null || !password.equals(repeated)) {
                Messages.error("The two passwords differ; type the same password twice.");
                return false;
            }
            return true;
        }

        void forgetPasswords() {
            password = null;
            repeated = null;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getRepeated() {
            return repeated;
        }

        public void setRepeated(String repeated) {
            this.repeated = repeated;
        }
    }
}
