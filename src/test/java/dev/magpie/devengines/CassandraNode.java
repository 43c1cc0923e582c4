package dev.magpie.devengines;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A real Cassandra 5.0 node, run in a child JVM from the jars that {@code db/cassandra/pom.xml} copies into
 * {@code db/cassandra/target/lib}, and stopped when the last JVM that uses it ends.
 *
 * <p>The flags mirror Cassandra's own {@code conf/jvm17-server.options} (the module exports and opens the server
 * needs on Java 17), plus the settings Cassandra's in-JVM test framework uses to start quickly: no wait for gossip
 * to settle, a fixed memtable row overhead instead of a measurement, no fsync of the system tables.
 */
final class CassandraNode {

    /** Where the node keeps its data, logs and generated configuration, relative to the project directory. */
    static final String WORK_DIR = "db/cassandra/target/node";

    /** Where {@code db/cassandra/pom.xml} copies the node's jars, relative to the project directory. */
    static final String LIB_DIR = "db/cassandra/target/lib";

    private static final Log log = LogFactory.getLog(CassandraNode.class);

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    // From Cassandra 5.0's conf/jvm17-server.options ("JPMS" and "Netty Options" sections)
    private static final List<String> JVM17_OPTIONS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    private static final String PID_FILE = "cassandra.pid";

    /** In the registry: the work directory of the node running now. */
    private static final String NODE_DIR_FILE = "node.dir";

    /** This JVM's share of the node, while it uses it. */
    private static FileLock lease;

    private CassandraNode() {
    }

    /**
     * Makes sure that a Cassandra answers CQL on {@code 127.0.0.1:nativePort} while this JVM lives: joins the node
     * that a checkout of this project runs there, starts this checkout's node when nothing answers, and leaves
     * alone a Cassandra that is no checkout's (one installed on the machine, say).
     *
     * <p>Several JVMs may use the node at once, such as a local run and a test run, even from different checkouts
     * of the project. Each holds a shared lock on {@code node.users} while it does, in a directory of the machine
     * named for the port ({@link #registry}), which also names the running node's work directory. The last one to
     * end stops the node, whichever started it.
     */
    static synchronized void startOrJoin(Path projectDir, int nativePort) {
        if (lease != null) {
            return;
        }
        Path workDir = projectDir.resolve(WORK_DIR).toAbsolutePath().normalize();
        Path registry = registry(nativePort);
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(registry);
            // One JVM at a time decides whether to start the node, so that two never start it together
            try (FileChannel starting = openLockFile(registry.resolve("node.lock"));
                    FileLock startLock = starting.lock()) {
                FileChannel users = openLockFile(registry.resolve("node.users"));
                try {
                    FileLock share = users.lock(0, Long.MAX_VALUE, true);
                    if (!LocalPorts.isOpen(nativePort)) {
                        launch(projectDir.resolve(LIB_DIR), workDir, nativePort);
                        Files.writeString(registry.resolve(NODE_DIR_FILE), workDir.toString());
                    }
                    else if (runningNode(registry).isEmpty()) {
                        users.close();
                        return;
                    }
                    lease = share;
                }
                catch (IOException | RuntimeException ex) {
                    // Closing the channel gives up the share
                    users.close();
                    throw ex;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> leave(users, registry), "cassandra-node-leave"));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start a local Cassandra node in " + workDir, ex);
        }
    }

    /** The machine-wide directory where the JVMs using the node on {@code nativePort} meet. */
    static Path registry(int nativePort) {
        return Path.of(System.getProperty("java.io.tmpdir"), "magpie-cassandra-" + nativePort);
    }

    // Whoever can lock node.users exclusively once its own share is gone is the last user
    private static void leave(FileChannel users, Path registry) {
        try {
            lease.release();
            FileLock last = users.tryLock();
            if (last != null) {
                runningNode(registry).ifPresent(CassandraNode::stop);
                last.release();
            }
        }
        catch (IOException | OverlappingFileLockException ex) {
            // Leave the node running: the next JVM to use it stops it when it ends
        }
    }

    // The node the registry names, by the pid file Cassandra deletes when it stops. The command line is checked
    // so that a pid file left by a killed node never names a stranger that got the same pid
    private static Optional<ProcessHandle> runningNode(Path registry) {
        try {
            Path workDir = Path.of(Files.readString(registry.resolve(NODE_DIR_FILE)).strip());
            long pid = Long.parseLong(Files.readString(workDir.resolve(PID_FILE)).strip());
            return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter((process) -> process.info()
                    .commandLine()
                    .filter((command) -> command.contains(MAIN_CLASS))
                    .filter((command) -> command.contains(workDir.toString()))
                    .isPresent());
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** Stops the node and waits while Cassandra's own shutdown hook drains it. */
    private static void stop(ProcessHandle node) {
        node.destroy();
        try {
            node.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            node.destroyForcibly();
        }
        catch (InterruptedException ex) {
            node.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static FileChannel openLockFile(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void launch(Path libDir, Path workDir, int nativePort) throws IOException {
        checkJars(libDir);
        int storagePort = LocalPorts.free();
        Path config = writeConfig(workDir, nativePort, storagePort);
        Path logback = writeLogback(workDir);

        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.add("-Xms256m");
        command.add("-Xmx1g");
        command.add("-XX:+UseG1GC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.addAll(JVM17_OPTIONS);
        command.add("-Dcassandra.config=" + config.toUri());
        command.add("-Dcassandra.storagedir=" + workDir);
        command.add("-Dcassandra.logdir=" + workDir.resolve("logs"));
        command.add("-Dlogback.configurationFile=" + logback.toUri());
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dcassandra-pidfile=" + workDir.resolve(PID_FILE));
        // A single node has no peers to wait for or to tell; Cassandra's in-JVM tests take the same shortcuts
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        command.add("-Dcassandra.shutdown_announce_in_ms=0");
        command.add("-Dcassandra.memtable.row_overhead_size=100");
        command.add("-Dcassandra.unsafesystem=true");
        // A wildcard rather than a hundred jars keeps the command line short enough for the JDK to report it whole,
        // which is how runningNode() recognizes the node
        command.add("-cp");
        command.add(libDir + File.separator + "*");
        command.add(MAIN_CLASS);

        Path output = workDir.resolve("logs").resolve("stdout.log");
        Files.createDirectories(output.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
            .start();
        // Cassandra only deletes its pid file when it stops: writing it is the launcher's job
        Files.writeString(workDir.resolve(PID_FILE), Long.toString(process.pid()));
        awaitNativePort(process, nativePort, workDir);
        log.info("Cassandra started on 127.0.0.1:%d in %d ms (pid %d, files in %s)".formatted(nativePort,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), process.pid(), workDir));
    }

    // Cassandra 5.0 runs on Java 11 and 17 only (the flags above are 17's); the build's Java is 17 unless a
    // developer chose otherwise
    private static Path java() {
        String javaHome = System.getenv("CASSANDRA_JAVA_HOME");
        if (javaHome == null) {
            int feature = Runtime.version().feature();
            if (feature != 17) {
                throw new IllegalStateException("Cassandra 5.0 needs Java 17, and this is Java " + feature
                        + ": run the build with Java 17, or set CASSANDRA_JAVA_HOME to a Java 17 installation");
            }
            javaHome = System.getProperty("java.home");
        }
        return Path.of(javaHome, "bin", "java");
    }

    private static void checkJars(Path libDir) {
        if (!Files.exists(libDir.resolve("COMPLETE"))) {
            throw new IllegalStateException("Cassandra's jars are missing from " + libDir
                    + ": run ./mvnw -f db/cassandra/pom.xml package (the main build does it before the tests)");
        }
    }

    private static void awaitNativePort(Process process, int nativePort, Path workDir) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!LocalPorts.isOpen(nativePort)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra stopped while starting (exit code %d):%n%s"
                    .formatted(process.exitValue(), logTail(workDir)));
            }
            if (System.nanoTime() > deadline) {
                stop(process.toHandle());
                throw new IllegalStateException("Cassandra did not start within %s:%n%s"
                    .formatted(START_TIMEOUT, logTail(workDir)));
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                stop(process.toHandle());
                throw new IllegalStateException("Interrupted while Cassandra was starting", ex);
            }
        }
    }

    private static String logTail(Path workDir) {
        Path logs = workDir.resolve("logs");
        try {
            Path logFile = Files.exists(logs.resolve("system.log")) ? logs.resolve("system.log")
                    : logs.resolve("stdout.log");
            List<String> lines = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException ex) {
            return "(no log in " + logs + ")";
        }
    }

    // Every value not set here is Cassandra 5.0's default. No snapshot on DROP: tests drop keyspaces all the time.
    // Paxos v2 (Cassandra 4.1+) settles a lightweight transaction in fewer round trips than v1, the default; the
    // message log makes two per message sent, and production clusters should run it too (docs/operations.md)
    private static Path writeConfig(Path workDir, int nativePort, int storagePort) throws IOException {
        String yaml = """
                cluster_name: Magpie local
                num_tokens: 1
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                endpoint_snitch: SimpleSnitch
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "127.0.0.1:%2$d"
                listen_address: 127.0.0.1
                rpc_address: 127.0.0.1
                storage_port: %2$d
                start_native_transport: true
                native_transport_port: %1$d
                data_file_directories:
                  - %3$s
                commitlog_directory: %4$s
                saved_caches_directory: %5$s
                hints_directory: %6$s
                cdc_raw_directory: %7$s
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                role_manager: CassandraRoleManager
                network_authorizer: AllowAllNetworkAuthorizer
                concurrent_compactors: 1
                auto_snapshot: false
                paxos_variant: v2
                """.formatted(nativePort, storagePort, quoted(workDir.resolve("data")),
                quoted(workDir.resolve("commitlog")), quoted(workDir.resolve("saved_caches")),
                quoted(workDir.resolve("hints")), quoted(workDir.resolve("cdc_raw")));
        Path config = workDir.resolve("cassandra.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        return config;
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    // Cassandra logs a lot at start-up: keep it in files, out of the build's output
    private static Path writeLogback(Path workDir) throws IOException {
        String xml = """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
                    <file>${cassandra.logdir}/system.log</file>
                    <rollingPolicy class="ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy">
                      <fileNamePattern>${cassandra.logdir}/system.log.%d{yyyy-MM-dd}.%i.zip</fileNamePattern>
                      <maxFileSize>20MB</maxFileSize>
                      <maxHistory>3</maxHistory>
                      <totalSizeCap>100MB</totalSizeCap>
                    </rollingPolicy>
                    <encoder>
                      <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
                    </encoder>
                  </appender>
                  <root level="INFO">
                    <appender-ref ref="FILE"/>
                  </root>
                </configuration>
                """;
        Path logback = workDir.resolve("logback.xml");
        Files.writeString(logback, xml, StandardCharsets.UTF_8);
        return logback;
    }
}
