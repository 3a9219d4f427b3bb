package org.twofold.mail.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;

import org.twofold.dashboard.boundary.Messages;
import org.twofold.mail.control.MailTest;
import org.twofold.platform.control.Refusal;

/** The mail settings in effect, the outbox backlog, and a test mail sent right away. */
@Named("settings")
@RequestScoped
public class SettingsPage {

    @Inject
    AdminMailResource resource;

    private AdminMailResource.MailStatus mail;
    private String recipient;
    private MailTest test;

    public void sendTestMail() {
        if (recipient == null || recipient.isBlank()) {
            Messages.error("Enter the address the test mail goes to.");
            return;
        }
        try {
            test = resource.test(Json.createObjectBuilder().add("recipient", recipient).build());
            mail = null;
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    public AdminMailResource.MailStatus getMail() {
        if (mail == null) {
            mail = resource.status();
        }
        return mail;
    }

    public MailTest getTest() {
        return test;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }
}
