package org.twofold.delivery.boundary;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.ws.rs.core.Response;

import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import org.twofold.dashboard.boundary.Messages;
import org.twofold.delivery.control.HelpdeskDeliveries;
import org.twofold.delivery.entity.Channel;
import org.twofold.platform.control.Refusal;

/**
 * Restore codes on their way: the letters waiting for the printer and their batches (PDF, confirmed
 * printed), and the codes the helpdesk gives out itself, each once and only after the operator recorded
 * how they checked the person: an IN_PERSON handout as a PDF, a PHONE code on screen to read out.
 */
@Named("delivery")
@ViewScoped
public class DeliveryPage implements Serializable {

    private static final String PDF = "application/pdf";

    @Inject
    AdminLettersResource letters;

    @Inject
    AdminHelpdeskDeliveriesResource helpdesk;

    private List<DeliveryView> waitingLetters;
    private List<AdminLettersResource.BatchView> batches;
    private List<DeliveryView> inPerson;
    private List<DeliveryView> phone;
    /** What the operator wrote, per delivery, about how they checked the person. */
    private final Map<String, String> checks = new HashMap<>();
    private HelpdeskDeliveries.RevealedCode revealed;

    public void load() {
        waitingLetters = letters.waiting();
        batches = letters.batches();
        inPerson = helpdesk.waiting(Channel.IN_PERSON.name());
        phone = helpdesk.waiting(Channel.PHONE.name());
    }

    public void createBatch() {
        revealed = null;
        try {
            AdminLettersResource.BatchView batch = (AdminLettersResource.BatchView) letters.createBatch().getEntity();
            Messages.info("Batch created with " + batch.letters() + (batch.letters() == 1 ? " letter" : " letters")
                    + ": download its PDF, print it, then confirm it printed.");
            load();
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    /** The batch's letters, as often as the printer needs them until it is confirmed printed. */
    public StreamedContent batchPdf(String batchId) {
        try {
            return pdf((byte[]) letters.pdf(batchId).getEntity(), "restore-letters-" + batchId + ".pdf");
        } catch (Refusal refused) {
            Messages.error(refused.title());
            return null;
        }
    }

    public void printed(String batchId) {
        revealed = null;
        if (Messages.run(() -> letters.printed(batchId), "Batch confirmed printed: its restore codes are destroyed.")) {
            load();
        }
    }

    /** The handout PDF, once; the list is read again for the page's next answer. */
    public StreamedContent handout(String deliveryId) {
        revealed = null;
        String check = checks.get(deliveryId);
        if (blank(check)) {
            Messages.error("Record how you checked the person before the handout is printed.");
            return null;
        }
        try {
            Response answer = helpdesk.handout(deliveryId, Json.createObjectBuilder().add("identityCheck", check.strip()).build());
            checks.remove(deliveryId);
            return pdf((byte[]) answer.getEntity(), "restore-code-handout.pdf");
        } catch (Refusal refused) {
            Messages.error(refused.title());
            return null;
        } finally {
            load();
        }
    }

    /** Shows the code to read out, once: it is gone from the page with the next action. */
    public void reveal(String deliveryId) {
        revealed = null;
        String verification = checks.get(deliveryId);
        if (blank(verification)) {
            Messages.error("Record how you verified the caller before the code is shown.");
            return;
        }
        try {
            revealed = (HelpdeskDeliveries.RevealedCode) helpdesk.reveal(deliveryId,
                    Json.createObjectBuilder().add("callerVerification", verification.strip()).build()).getEntity();
            checks.remove(deliveryId);
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
        load();
    }

    public void hideCode() {
        revealed = null;
    }

    private static StreamedContent pdf(byte[] bytes, String name) {
        return DefaultStreamedContent.builder().contentType(PDF).name(name).contentLength((long) bytes.length)
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public List<DeliveryView> getWaitingLetters() {
        return waitingLetters;
    }

    public List<AdminLettersResource.BatchView> getBatches() {
        return batches;
    }

    public List<DeliveryView> getInPerson() {
        return inPerson;
    }

    public List<DeliveryView> getPhone() {
        return phone;
    }

    public Map<String, String> getChecks() {
        return checks;
    }

    public HelpdeskDeliveries.RevealedCode getRevealed() {
        return revealed;
    }
}
