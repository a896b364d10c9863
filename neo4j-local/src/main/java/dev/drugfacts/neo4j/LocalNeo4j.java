package dev.drugfacts.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Local Neo4j
 *
 * Runs a Neo4j Community DBMS in this JVM with only the Bolt connector, bound to 127.0.0.1,
 * so that development and tests have a real Neo4j where no container runtime exists.
 * Authentication is off: the server is reachable from this machine only.
 *
 * Usage: LocalNeo4j --port 7687 --data DIR [--page-cache-mb 64] [--exit-on-stdin-close]
 *
 * Prints exactly one line "NEO4J_READY bolt://127.0.0.1:PORT" once Bolt accepts connections,
 * and shuts the DBMS down cleanly on SIGTERM or SIGINT, printing "NEO4J_STOPPED" once
 * DatabaseManagementService.shutdown() has returned. With --exit-on-stdin-close it also shuts
 * down when its standard input closes, so a parent process that dies without cleaning up
 * (SIGKILL, crash) does not leave a database running.
 *
 * A stop takes about a second (three with a client's transaction left open), not the ten to
 * sixteen Neo4j's defaults take: those wait for traffic a local server does not have (see the
 * settings below). Nothing committed is at risk: a commit under way is always waited for, and
 * the databases are checkpointed and closed before Bolt is torn down.
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(options.dataDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(options.pageCacheMb))
                // An open transaction gets this long to finish before it is terminated and rolled
                // back whole (the default is 10 s); Neo4j then gives it a fixed second to roll back.
                // A commit already under way is always waited for, however long it takes.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(1))
                // Bolt's two Netty event loop groups (accept, then I/O) are shut down one after the
                // other, each waiting for a quiet period of 5 s without new tasks: 10 s of every
                // stop, spent after the databases are already stopped and checkpointed. With no
                // quiet period Netty still runs the tasks it has queued before it stops.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                // Checked every 2 s by default; a tighter check makes query timeouts land on time.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean shuttingDown = new AtomicBoolean(false);
        Runnable shutdown = () -> {
            if (shuttingDown.compareAndSet(false, true)) {
                dbms.shutdown();
                System.out.println("NEO4J_STOPPED");
                System.out.flush();
            }
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "neo4j-shutdown"));

        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + options.port);
        System.out.flush();

        if (options.exitOnStdinClose) {
            Thread watcher = new Thread(() -> {
                waitForEndOfInput(System.in);
                System.exit(0);
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, which is the same signal as end of input.
        }
    }

    private record Options(int port, Path dataDir, long pageCacheMb, boolean exitOnStdinClose) {
        static Options parse(String[] args) {
            Integer port = null;
            Path dataDir = null;
            long pageCacheMb = 64;
            boolean exitOnStdinClose = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                    case "--data" -> dataDir = Path.of(value(args, ++i, "--data")).toAbsolutePath();
                    case "--page-cache-mb" -> pageCacheMb = Long.parseLong(value(args, ++i, "--page-cache-mb"));
                    case "--exit-on-stdin-close" -> exitOnStdinClose = true;
                    default -> fail("unknown argument " + args[i]);
                }
            }
            if (port == null || dataDir == null) {
                fail("usage: LocalNeo4j --port PORT --data DIR [--page-cache-mb N] [--exit-on-stdin-close]");
            }
            return new Options(port, dataDir, pageCacheMb, exitOnStdinClose);
        }

        private static String value(String[] args, int index, String flag) {
            if (index >= args.length) {
                fail(flag + " needs a value");
            }
            return args[index];
        }

        private static void fail(String message) {
            System.err.println("neo4j-local: " + message);
            System.exit(2);
        }
    }
}
