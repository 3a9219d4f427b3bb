package org.twofold.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The appliance's data directory: database files and the secrets that must never leave the machine. */
@ApplicationScoped
public class DataDirectory {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private Path root;

    protected DataDirectory() {
    }

    @Inject
    public DataDirectory(@ConfigProperty(name = "twofold.data.dir") String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    /**
     * Creates the directory, or tightens an existing one, to be accessible by the appliance's user only:
     * database files and secrets live here (the database driver may have created it a moment earlier).
     */
    public void ensureExists() {
        try {
            Files.createDirectories(root, OWNER_ONLY_DIRECTORY);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
    }

    /**
     * Writes a secret readable by the owner only. The file is created with mode 0600 from the start
     * (never widened afterwards), and an existing file is left alone so two nodes racing at first start
     * cannot overwrite each other's secret.
     *
     * @return true if this call created the file
     */
    public static boolean writeSecretOnce(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent(), OWNER_ONLY_DIRECTORY);
            Path tmp = Files.createTempFile(file.getParent(), ".secret", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, content);
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException alreadyThere) {
                return false;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secret file " + file, e);
        }
    }
}
