package org.twofold.directory.control;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;

import javax.net.SocketFactory;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.crypto.control.SecretBox;
import org.twofold.directory.entity.DirectoryConnection;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * Opens bound connections to a directory: its servers in failover order, over LDAPS or StartTLS where
 * configured, trusting either the one pinned certificate or the JVM's trust store (with the host name
 * checked) — never any certificate at all.
 */
@ApplicationScoped
public class DirectoryConnector {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int RESPONSE_TIMEOUT_MILLIS = 15_000;

    @Inject
    SecretBox box;

    /** Connects, binds and reads the base entry; never throws — every failure becomes a message. */
    public ConnectionTest test(DirectoryConnection connection) {
        Trust trust = trustFor(connection);
        try (LDAPConnection ldap = servers(connection, trust).getConnection()) {
            SearchResultEntry base = ldap.getEntry(connection.baseDn(), "1.1");
            if (base == null) {
                return new ConnectionTest(false, "Bound as " + connection.bindDn() + ", but the base DN "
                        + connection.baseDn() + " does not exist on " + serverOf(ldap));
            }
            return new ConnectionTest(true, "Connected to " + serverOf(ldap) + ", bound as " + connection.bindDn()
                    + ", base DN found");
        } catch (LDAPException failed) {
            return new ConnectionTest(false, explain(failed, connection, trust));
        }
    }

    /** The servers in failover order, each connection bound as the connection's service account once established. */
    ServerSet servers(DirectoryConnection connection, Trust trust) {
        return servers(connection, trust, Optional.of(new SimpleBindRequest(connection.bindDn(),
                box.open(connection.bindPasswordSealed(), connection.id()))));
    }

    /** The servers in failover order; without a bind request the connections stay unauthenticated until bound. */
    ServerSet servers(DirectoryConnection connection, Trust trust, Optional<SimpleBindRequest> bind) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
        if (trust.pinned().isEmpty()) {
            // a pinned certificate names the server by itself; a CA's certificate must name the host
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        }
        SSLUtil ssl = new SSLUtil(trust.manager());
        List<ServerSet> servers = connection.urls().stream().map(LdapAddress::parse).map(address -> {
            try {
                SocketFactory sockets = address.ldaps() ? ssl.createSSLSocketFactory() : null;
                StartTLSPostConnectProcessor startTls = !address.ldaps() && connection.startTls()
                        ? new StartTLSPostConnectProcessor(ssl.createSSLSocketFactory()) : null;
                return (ServerSet) new SingleServerSet(address.host(), address.port(), sockets, options, bind.orElse(null),
                        startTls);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot set up TLS", e);
            }
        }).toList();
        return servers.size() == 1 ? servers.get(0) : new FailoverServerSet(servers);
    }

    Trust trustFor(DirectoryConnection connection) {
        if (connection.pinnedSha256() != null) {
            PinnedCertificate pinned = new PinnedCertificate(connection.pinnedSha256());
            return new Trust(pinned, Optional.of(pinned));
        }
        if (connection.trustedCaPem() != null) {
            return new Trust(TrustedAuthorities.manager(connection.trustedCaPem()), Optional.empty());
        }
        return new Trust(JVMDefaultTrustManager.getInstance(), Optional.empty());
    }

    /** How certificates are judged for one use of a connection; a pin reports what it was shown. */
    record Trust(X509TrustManager manager, Optional<PinnedCertificate> pinned) {
    }

    private static String explain(LDAPException failed, DirectoryConnection connection, Trust trust) {
        ResultCode code = failed.getResultCode();
        if (code == ResultCode.INVALID_CREDENTIALS) {
            return "The directory refused the bind DN " + connection.bindDn() + " or its password (invalid credentials)";
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return "The directory answered 'no such object' for " + connection.baseDn() + ": " + failed.getDiagnosticMessage();
        }
        Optional<String> presented = trust.pinned().map(PinnedCertificate::presented)
                .filter(fingerprint -> !fingerprint.equals(connection.pinnedSha256()));
        if (presented.isPresent()) {
            return "The server's certificate has the SHA-256 fingerprint " + presented.get()
                    + ", not the pinned " + connection.pinnedSha256();
        }
        if (causedByTls(failed)) {
            return "TLS with " + String.join(", ", connection.urls()) + " failed: the server's certificate is not"
                    + " trusted (its CA is neither the connection's own nor in the appliance's trust store), or names another"
                    + " host. Give the connection its CA certificate or pin the server's SHA-256 fingerprint. (" + failed.getExceptionMessage() + ")";
        }
        return "Cannot use " + String.join(", ", connection.urls()) + ": " + code + " — " + failed.getExceptionMessage();
    }

    private static boolean causedByTls(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException || cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String serverOf(LDAPConnection ldap) {
        return ldap.getConnectedAddress() + ":" + ldap.getConnectedPort();
    }
}
