package org.twofold.directory.control;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.directory.entity.DirectoryConnection;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;

/**
 * Checks a user's directory password by binding as that user (for the self-service panel and for operators
 * mapped from directory groups). The user's entry is found with the service account — by the connection's
 * user attribute, within its base DN and user filter — and the bind happens on a connection of its own, so
 * the service connection never takes on the user's identity.
 */
@ApplicationScoped
public class DirectoryPasswords {

    private static final Logger LOG = Logger.getLogger(DirectoryPasswords.class.getName());

    @Inject
    DirectoryConnector connector;

    public PasswordCheck check(DirectoryConnection connection, String userName, String password) {
        if (userName == null || userName.isBlank() || password == null || password.isEmpty()) {
            // LDAP treats a simple bind with an empty password as an anonymous bind, which "succeeds"
            return PasswordCheck.REJECTED;
        }
        String userDn;
        DirectoryConnector.Trust trust = connector.trustFor(connection);
        try (LDAPConnection service = connector.servers(connection, trust).getConnection()) {
            Filter filter = Filter.createANDFilter(Filter.create(connection.userFilter()),
                    Filter.createEqualityFilter(ConnectionDocuments.attributesOf(connection).user(), userName.strip()));
            SearchResult found = service.search(connection.baseDn(), SearchScope.SUB, filter, "1.1");
            if (found.getEntryCount() != 1) {
                return PasswordCheck.REJECTED;
            }
            userDn = found.getSearchEntries().get(0).getDN();
        } catch (LDAPException unavailable) {
            LOG.log(Level.WARNING, "Directory " + connection.name() + " unavailable for a password check: "
                    + unavailable.getExceptionMessage());
            return PasswordCheck.UNAVAILABLE;
        }
        try (LDAPConnection asUser = connector.servers(connection, trust, Optional.empty()).getConnection()) {
            asUser.bind(new SimpleBindRequest(userDn, password));
            return PasswordCheck.ACCEPTED;
        } catch (LDAPException failed) {
            // a wrong password, and also a disabled, expired or locked account (AD: 49 with its own data codes)
            if (failed.getResultCode() == ResultCode.INVALID_CREDENTIALS || failed.getResultCode().isConnectionUsable()) {
                return PasswordCheck.REJECTED;
            }
            LOG.log(Level.WARNING, "Directory " + connection.name() + " unavailable for a password check: "
                    + failed.getExceptionMessage());
            return PasswordCheck.UNAVAILABLE;
        }
    }
}
