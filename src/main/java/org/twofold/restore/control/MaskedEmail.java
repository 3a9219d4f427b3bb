package org.twofold.restore.control;

/** Shows where a mail went without giving the address away: {@code jdoe@corp.test} → {@code j***@c***.test}. */
public final class MaskedEmail {

    private MaskedEmail() {
    }

    public static String of(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String domainStart = dot > 0 ? domain.substring(0, dot) : domain;
        String topLevel = dot > 0 ? domain.substring(dot) : "";
        return email.charAt(0) + "***@" + domainStart.charAt(0) + "***" + topLevel;
    }
}
