package org.twofold.testing;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.HexFormat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;

/**
 * A real LDAP server for the tests (UnboundID's in-memory directory) on loopback ports: plain LDAP that also
 * offers StartTLS, and LDAPS, both with a self-signed certificate generated at start (tests pin its
 * SHA-256). It holds a service account the appliance binds as, checks no schema (so entries may carry
 * Active Directory attributes) and generates entryUUID for every entry.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE_DN = "dc=corp,dc=test";
    public static final String BIND_DN = "cn=twofold,ou=services,dc=corp,dc=test";
    public static final String BIND_PASSWORD = "directory-secret-" + Long.toHexString(System.nanoTime());

    private final InMemoryDirectoryServer server;
    private final String certificateSha256;

    private TestDirectory(InMemoryDirectoryServer server, String certificateSha256) {
        this.server = server;
        this.certificateSha256 = certificateSha256;
    }

    public static TestDirectory start() {
        try {
            ObjectPair<File, char[]> keyStore = SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate(
                    "twofold-tests", "PKCS12");
            SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore.getFirst(), keyStore.getSecond(), "PKCS12", null),
                    new TrustAllTrustManager());
            InetAddress loopback = InetAddress.getLoopbackAddress();
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
            // no schema checking: entries carry Active Directory attributes (memberOf, objectGUID, ...) as well
            config.setSchema(null);
            config.setListenerConfigs(
                    InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, serverSsl.createSSLSocketFactory()),
                    InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, serverSsl.createSSLServerSocketFactory(),
                            null));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE_DN, "objectClass: top", "objectClass: domain", "dc: corp");
            server.add("dn: ou=services," + BASE_DN, "objectClass: top", "objectClass: organizationalUnit", "ou: services");
            server.add("dn: ou=people," + BASE_DN, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
            server.add("dn: " + BIND_DN, "objectClass: top", "objectClass: person", "cn: twofold", "sn: service",
                    "userPassword: " + BIND_PASSWORD);
            server.startListening();
            return new TestDirectory(server, fingerprint(keyStore));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test directory", e);
        }
    }

    private static String fingerprint(ObjectPair<File, char[]> keyStoreFile) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStoreFile.getFirst())) {
            keyStore.load(in, keyStoreFile.getSecond());
        }
        Certificate certificate = keyStore.getCertificate(keyStore.aliases().nextElement());
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** Adds a person under ou=people that can bind with this password; answers its DN. */
    public String addUser(String uid, String password) {
        String dn = "uid=" + uid + ",ou=people," + BASE_DN;
        try {
            server.add("dn: " + dn, "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                    "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid, "mail: " + uid + "@corp.test",
                    "userPassword: " + password);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add " + dn, e);
        }
        return dn;
    }

    /** The server itself, for tests that add, change and remove entries. */
    public InMemoryDirectoryServer server() {
        return server;
    }

    public String ldapUrl() {
        return "ldap://127.0.0.1:" + server.getListenPort("ldap");
    }

    public String ldapsUrl() {
        return "ldaps://127.0.0.1:" + server.getListenPort("ldaps");
    }

    /** SHA-256 of the server certificate, lower-case hex, as an operator would pin it. */
    public String certificateSha256() {
        return certificateSha256;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
