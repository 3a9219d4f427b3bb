package org.twofold.operator.entity;

/** What an operator may do in the dashboard and the admin API. */
public enum Role {
    ADMIN,
    SECURITY_OFFICER,
    HELPDESK
}
