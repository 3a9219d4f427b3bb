package org.twofold.operator.entity;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A dashboard / admin API account. */
@Entity
@Table(name = "operator")
public class Operator {

    @Id
    private String id;

    private String name;

    @Column(name = "password_hash")
    private String passwordHash;

    /** Comma-separated {@link Role} names; three values do not need a table of their own. */
    private String roles;

    @Column(name = "created_at")
    private Instant createdAt;

    /** Dashboard sessions signed in before this are over. */
    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    @Version
    private long version;

    protected Operator() {
    }

    public Operator(String name, String passwordHash, Set<Role> roles, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.passwordHash = passwordHash;
        this.roles = joined(roles);
        this.createdAt = now;
    }

    public void changeRoles(Set<Role> newRoles) {
        this.roles = joined(newRoles);
    }

    public void changePassword(String newPasswordHash, Instant now) {
        this.passwordHash = newPasswordHash;
        this.passwordChangedAt = now;
    }

    /** Whoever signed in with the old password, or stole that session, is out once the password changes. */
    /** Not a session from before the password changed, nor one of an earlier account of the same name. */
    public boolean acceptsSessionFrom(Instant signedInAt) {
        return !signedInAt.isBefore(createdAt) && (passwordChangedAt == null || !signedInAt.isBefore(passwordChangedAt));
    }

    private static String joined(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    public Set<Role> roles() {
        if (roles.isEmpty()) {
            return EnumSet.noneOf(Role.class);
        }
        return Arrays.stream(roles.split(",")).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
