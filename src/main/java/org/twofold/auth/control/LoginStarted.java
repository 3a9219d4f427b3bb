package org.twofold.auth.control;

/** Fired inside the transaction that starts a relying party's login (starts are not audited, decisions are). */
public record LoginStarted() {
}
