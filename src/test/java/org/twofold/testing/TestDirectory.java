package org.twofold.testing;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;

/**
 * A real LDAP server for the tests (UnboundID's in-memory directory) on loopback ports: plain LDAP that also
 * offers StartTLS, and LDAPS, both with a self-signed certificate generated at start (tests pin its
 * SHA-256). It holds a service account the appliance binds as, checks no schema (so entries may carry
 * Active Directory attributes) and generates entryUUID and modifyTimestamp for every entry.
 * <p>
 * It imitates what Active Directory's incremental sync relies on: writes through the {@code ad*} methods
 * stamp uSNChanged from one update sequence, the root DSE answers highestCommittedUSN, dsServiceName (an
 * NTDS Settings entry with an invocationId) and defaultNamingContext, and deleted users leave a tombstone
 * (isDeleted, objectGUID kept) under CN=Deleted Objects. USNs start at 10^9: the schema-less server orders
 * values as strings, which agrees with Active Directory's integer order only for numbers of one length.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE_DN = "dc=corp,dc=test";
    public static final String BIND_DN = "cn=twofold,ou=services,dc=corp,dc=test";
    public static final String BIND_PASSWORD = "directory-secret-" + Long.toHexString(System.nanoTime());
    public static final String DOMAIN_CONTROLLER_DN = "cn=NTDS Settings,cn=DC1,ou=domain controllers," + BASE_DN;
    public static final String DELETED_OBJECTS_DN = "cn=Deleted Objects," + BASE_DN;

    private final AtomicLong usn;

    private final InMemoryDirectoryServer server;
    private final String certificateSha256;

    private TestDirectory(InMemoryDirectoryServer server, String certificateSha256, AtomicLong usn) {
        this.server = server;
        this.certificateSha256 = certificateSha256;
        this.usn = usn;
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
            AtomicLong usn = new AtomicLong(1_000_000_000L);
            config.setCustomRootDSEAttributes(List.of(new Attribute("dsServiceName", DOMAIN_CONTROLLER_DN),
                    new Attribute("defaultNamingContext", BASE_DN)));
            config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
                @Override
                public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
                    if (result.getSearchEntry().getDN().isEmpty()) {
                        Entry root = result.getSearchEntry().duplicate();
                        root.setAttribute("highestCommittedUSN", Long.toString(usn.get()));
                        result.setSearchEntry(root);
                    }
                }
            });
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
            server.add("dn: ou=domain controllers," + BASE_DN, "objectClass: organizationalUnit", "ou: domain controllers");
            server.add("dn: cn=DC1,ou=domain controllers," + BASE_DN, "objectClass: server", "cn: DC1");
            server.add(new Entry(DOMAIN_CONTROLLER_DN, new Attribute("objectClass", "nTDSDSA"),
                    new Attribute("cn", "NTDS Settings"), new Attribute("invocationId", guid(UUID.randomUUID()))));
            server.add("dn: " + DELETED_OBJECTS_DN, "objectClass: container", "cn: Deleted Objects");
            server.startListening();
            return new TestDirectory(server, fingerprint(keyStore), usn);
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

    /** Adds an entry as Active Directory would, with the next uSNChanged. */
    public void adAdd(Entry entry) throws LDAPException {
        Entry stamped = entry.duplicate();
        stamped.setAttribute("uSNChanged", Long.toString(usn.incrementAndGet()));
        server.add(stamped);
    }

    /** Changes an entry as Active Directory would, raising its uSNChanged. */
    public void adModify(String dn, Modification... modifications) throws LDAPException {
        List<Modification> all = new ArrayList<>(List.of(modifications));
        all.add(new Modification(ModificationType.REPLACE, "uSNChanged", Long.toString(usn.incrementAndGet())));
        server.modify(dn, all);
    }

    /** Renames or moves an entry as Active Directory would; answers the new DN. */
    public String adMove(String dn, String newRdn, String newSuperior) throws LDAPException {
        server.modifyDN(dn, newRdn, true, newSuperior);
        String moved = newRdn + "," + newSuperior;
        adModify(moved);
        return moved;
    }

    /** Deletes an entry as Active Directory does: it leaves a tombstone that keeps the objectGUID. */
    public void adDelete(String dn) throws LDAPException {
        Entry entry = server.getEntry(dn);
        server.delete(dn);
        byte[] guid = entry.getAttributeValueBytes("objectGUID");
        server.add(new Entry("cn=deleted-" + UUID.randomUUID() + "," + DELETED_OBJECTS_DN,
                new Attribute("objectClass", entry.getObjectClassValues()), new Attribute("objectGUID", guid),
                new Attribute("isDeleted", "TRUE"), new Attribute("uSNChanged", Long.toString(usn.incrementAndGet()))));
    }

    /** Another domain controller answers from now on (or the one there was restored from a backup). */
    public void adReplaceDomainController() throws LDAPException {
        server.modify(DOMAIN_CONTROLLER_DN, new Modification(ModificationType.REPLACE, "invocationId",
                guid(UUID.randomUUID())));
    }

    /** A GUID in Active Directory's byte order. */
    public static byte[] guid(UUID uuid) {
        long high = uuid.getMostSignificantBits();
        return ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN).putInt((int) (high >>> 32)).putShort((short) (high >>> 16)).putShort((short) high)
                .order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /**
     * A GENERIC_LDAP connection to this server over LDAPS with its certificate pinned, bound as the service
     * account, scheduled runs off (tests start their runs); the name is unique.
     */
    public JsonObjectBuilder connection(String baseDn) {
        return Json.createObjectBuilder()
                .add("name", Fixtures.unique("dir"))
                .add("flavor", "GENERIC_LDAP")
                .add("urls", Json.createArrayBuilder().add(ldapsUrl()))
                .add("trust", Json.createObjectBuilder().add("pinnedSha256", certificateSha256()))
                .add("bindDn", BIND_DN)
                .add("bindPassword", BIND_PASSWORD)
                .add("baseDn", baseDn)
                .add("schedule", Json.createObjectBuilder().add("enabled", false));
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
