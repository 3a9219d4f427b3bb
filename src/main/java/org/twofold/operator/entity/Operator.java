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

    @Version
    private long version;

    protected Operator() {
    }

    public Operator(String name, String passwordHash, Set<Role> roles, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.passwordHash = passwordHash;
        this.roles = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
        this.createdAt = now;
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
