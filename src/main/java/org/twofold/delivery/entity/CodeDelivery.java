package org.twofold.delivery.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A restore code on its way to its user through a channel other than the device display. While it waits
 * for a printer or the helpdesk it is held sealed; delivering it (or a newer code) destroys it, leaving
 * only the keyed hash the restore function checks against.
 */
@Entity
@Table(name = "restore_code_delivery")
public class CodeDelivery {

    @Id
    private String id;

    @Column(name = "identity_id")
    private String identityId;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    private CodePurpose purpose;

    @Enumerated(EnumType.STRING)
    private DeliveryState state;

    @Column(name = "sealed_code")
    private String sealedCode;

    /** the postal address a letter goes to, as it was when the code was issued */
    private String address;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "delivered_by")
    private String deliveredBy;

    /** how the helpdesk checked who it gave the code to */
    private String verification;

    @Version
    private long version;

    protected CodeDelivery() {
    }

    public CodeDelivery(String identityId, Channel channel, String address, Instant now, String createdBy) {
        this(identityId, channel, CodePurpose.RESTORE, address, now, createdBy);
    }

    public CodeDelivery(String identityId, Channel channel, CodePurpose purpose, String address, Instant now,
                        String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.identityId = identityId;
        this.channel = channel;
        this.purpose = purpose;
        this.state = DeliveryState.PENDING;
        this.address = address;
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    /** Holds the code sealed until it is delivered (sealed by the caller, bound to this delivery's id). */
    public void hold(String sealedCode) {
        this.sealedCode = sealedCode;
    }

    /** Delivered: the code is destroyed; {@code verification} records how the recipient was checked, if at all. */
    public void delivered(Instant now, String by, String verification) {
        this.state = DeliveryState.DELIVERED;
        this.sealedCode = null;
        this.deliveredAt = now;
        this.deliveredBy = by;
        this.verification = verification;
    }

    public boolean isWaiting() {
        return state == DeliveryState.PENDING || state == DeliveryState.BATCHED;
    }

    public String id() {
        return id;
    }

    public String identityId() {
        return identityId;
    }

    public CodePurpose purpose() {
        return purpose;
    }

    public Channel channel() {
        return channel;
    }

    public DeliveryState state() {
        return state;
    }

    public String sealedCode() {
        return sealedCode;
    }

    public String address() {
        return address;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public String batchId() {
        return batchId;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public String deliveredBy() {
        return deliveredBy;
    }

    public String verification() {
        return verification;
    }
}
