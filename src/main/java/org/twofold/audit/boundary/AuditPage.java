package org.twofold.audit.boundary;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.StreamingOutput;

import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.twofold.audit.control.ChainVerification;
import org.twofold.dashboard.boundary.Messages;
import org.twofold.platform.control.Refusal;

/**
 * The audit trail, newest first, filtered by target, action and actor. The filters and the page live in the
 * URL ({@code audit.xhtml?actor=operator:jdoe&before=1200}), so a reviewer can pass on what they looked at.
 */
@Named("auditPage")
@ViewScoped
public class AuditPage implements Serializable {

    static final int PAGE_SIZE = 50;

    @Inject
    AdminAuditResource resource;

    private String target;
    private String action;
    private String actor;
    private long before;
    private List<AdminAuditResource.Entry> entries;
    private ChainVerification verification;

    public void load() {
        entries = resource.search(target, action, actor, before, PAGE_SIZE);
    }

    public String search() {
        before = 0;
        return "audit?faces-redirect=true&includeViewParams=true";
    }

    public void verify() {
        try {
            verification = resource.verify();
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    /** The entries matching the filters (not only this page), written while they are read from the database. */
    public StreamedContent getCsv() {
        StreamingOutput csv = (StreamingOutput) resource.export(target, action, actor).getEntity();
        return DefaultStreamedContent.builder()
                .name("twofold-audit.csv")
                .contentType(AdminAuditResource.CSV)
                .writer(output -> {
                    try {
                        csv.write(output);
                    } catch (IOException e) {
                        throw new UncheckedIOException("the CSV download broke off", e);
                    }
                })
                .build();
    }

    /** The seq to continue from for older entries; 0 when this page is the last one. */
    public long getOlderThan() {
        return entries.size() < PAGE_SIZE ? 0 : entries.get(entries.size() - 1).seq();
    }

    public List<AdminAuditResource.Entry> getEntries() {
        return entries;
    }

    public ChainVerification getVerification() {
        return verification;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public long getBefore() {
        return before;
    }

    public void setBefore(long before) {
        this.before = before;
    }
}
