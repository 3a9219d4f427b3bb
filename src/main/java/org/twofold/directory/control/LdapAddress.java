package org.twofold.directory.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.twofold.platform.control.Refusal;

/** One directory server: {@code ldap://host[:389]} or {@code ldaps://host[:636]}, nothing after the port. */
public record LdapAddress(boolean ldaps, String host, int port) {

    public static LdapAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean onlyHostAndPort = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("ldap") || scheme.equals("ldaps")) || uri.getHost() == null || !onlyHostAndPort) {
            throw invalid(url);
        }
        boolean ldaps = scheme.equals("ldaps");
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new LdapAddress(ldaps, host, uri.getPort() == -1 ? (ldaps ? 636 : 389) : uri.getPort());
    }

    @Override
    public String toString() {
        return (ldaps ? "ldaps://" : "ldap://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Refusal invalid(String url) {
        return Refusal.invalidRequest("'" + url + "' is not an LDAP URL: use ldap://host[:port] or ldaps://host[:port]");
    }
}
