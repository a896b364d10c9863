package dev.drugfacts.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Local Neo4j
 *
 * Runs a Neo4j Community DBMS in this JVM with only the Bolt connector, bound to 127.0.0.1,
 * so that development and tests have a real Neo4j where no container runtime exists.
 * Authentication is off: the server is reachable from this machine only.
 *
 * Usage: LocalNeo4j --port 7687 --data DIR [--page-cache-mb 64] [--warm-up-ms 0] [--exit-on-stdin-close]
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
 *
 * With --warm-up-ms the DBMS is first opened without Bolt, and the JVM spends that long planning
 * and running read-only statements before Bolt opens. A fresh JVM plans Cypher slowly (its first
 * plans take one to four seconds each while the planner is interpreted), so the first queries a
 * client sends to a just-started Neo4j are slow enough to hit their timeout. Warmed, the JVM
 * plans in tens of milliseconds by the time it accepts a connection. Query plans themselves
 * belong to the database and are not kept; the JVM's compiled code is.
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Server server = new Server(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "neo4j-shutdown"));
        if (options.exitOnStdinClose) {
            Thread watcher = new Thread(() -> {
                waitForEndOfInput(System.in);
                System.exit(0);
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        if (server.start()) {
            System.out.println("NEO4J_READY bolt://127.0.0.1:" + options.port);
            System.out.flush();
        }
        server.awaitShutdown();
    }

    /** The DBMS of this process; a shutdown may come at any point of the start, warm-up included. */
    private static final class Server {
        private final Options options;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private DatabaseManagementService dbms;
        private boolean stopping;

        Server(Options options) {
            this.options = options;
        }

        /** Opens the DBMS (warmed first, if asked); false when a shutdown came first. */
        boolean start() {
            if (options.warmUpMs > 0) {
                DatabaseManagementService warming = open(false);
                if (warming == null) {
                    return false;
                }
                try {
                    long started = System.nanoTime();
                    int runs = warmUp(warming.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME), options.warmUpMs);
                    System.out.println("NEO4J_WARMED_UP " + runs + " statements in "
                            + (System.nanoTime() - started) / 1_000_000 + " ms");
                } catch (RuntimeException e) {
                    if (isStopping()) {
                        return false;
                    }
                    throw e;
                }
                synchronized (this) {
                    if (stopping) {
                        return false;
                    }
                    warming.shutdown();
                    dbms = null;
                }
            }
            DatabaseManagementService served = open(true);
            return served != null && served.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
        }

        private synchronized DatabaseManagementService open(boolean bolt) {
            if (stopping) {
                return null;
            }
            dbms = build(options, bolt);
            return dbms;
        }

        private synchronized boolean isStopping() {
            return stopping;
        }

        synchronized void shutdown() {
            if (!stopping) {
                stopping = true;
                if (dbms != null) {
                    dbms.shutdown();
                }
                System.out.println("NEO4J_STOPPED");
                System.out.flush();
            }
            stopped.countDown();
        }

        void awaitShutdown() throws InterruptedException {
            stopped.await();
        }
    }

    private static DatabaseManagementService build(Options options, boolean bolt) {
        return new DatabaseManagementServiceBuilder(options.dataDir)
                .setConfig(BoltConnector.enabled, bolt)
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
    }

    /**
     * Read-only statements in the shapes clients send (lookups by property, expansions, COLLECT
     * and CALL subqueries, UNWIND, shortest paths, projections), each bounded whatever the size
     * of the graph. They look up ids no node has, so what they exercise is mostly the planner.
     */
    private static final List<String> WARM_UP = List.of(
            "RETURN $id AS id",
            "MATCH (n) WHERE n.id = $id RETURN n.id AS id, labels(n) AS labels LIMIT 1",
            "MATCH (n) WITH n LIMIT 20 MATCH (n)-[r]->(m) RETURN type(r) AS type, properties(r) AS props, m {.*} AS node ORDER BY type",
            "UNWIND $ids AS id OPTIONAL MATCH (n {id: id}) RETURN id, n IS NULL AS missing",
            "MATCH (n) WHERE n.id IN $ids RETURN n {.*, out: COLLECT { MATCH (n)-[r]-(m) RETURN m {.id, type: type(r)} ORDER BY type(r) }} AS n",
            "MATCH (n) WHERE n.id = $id CALL (n) { MATCH (n)<-[r]-() RETURN count(r) AS c } RETURN c",
            "MATCH p = shortestPath((a {id: $id})-[*..3]-(b {id: $other})) RETURN [r IN relationships(p) | type(r)] AS types",
            "MATCH (n) WITH n LIMIT 100 UNWIND labels(n) AS label RETURN label, count(*) AS c ORDER BY c DESC");

    private static final String FULLTEXT =
            "CALL db.index.fulltext.queryNodes($index, $text) YIELD node, score RETURN node.id AS id, score LIMIT 10";

    /**
     * Runs the warm-up statements round after round until `budgetMs` is spent (at least one
     * round). Each round gives every statement a new text, so Neo4j plans it again rather than
     * taking its plan from the cache: planning is the work a cold JVM does slowly.
     */
    private static int warmUp(GraphDatabaseService db, long budgetMs) {
        List<String> indexes = new ArrayList<>();
        db.executeTransactionally("SHOW FULLTEXT INDEXES YIELD name RETURN name", Map.of(), result -> {
            result.forEachRemaining(row -> indexes.add((String) row.get("name")));
            return null;
        });
        long deadline = System.nanoTime() + budgetMs * 1_000_000L;
        int runs = 0;
        for (int round = 0; round == 0 || System.nanoTime() < deadline; round++) {
            String tag = "\n// warm-up round " + round;
            for (String statement : WARM_UP) {
                run(db, statement + tag, "");
                runs++;
            }
            for (String index : indexes) {
                run(db, FULLTEXT + tag, index);
                runs++;
            }
        }
        return runs;
    }

    private static void run(GraphDatabaseService db, String statement, String index) {
        Map<String, Object> params = Map.of(
                "id", "warm-up", "ids", List.of("warm-up", "warm-up-2"), "other", "warm-up-2", "index", index, "text", "warm");
        db.executeTransactionally(statement, params, result -> {
            result.accept(row -> true);
            return null;
        });
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

    private record Options(int port, Path dataDir, long pageCacheMb, long warmUpMs, boolean exitOnStdinClose) {
        static Options parse(String[] args) {
            Integer port = null;
            Path dataDir = null;
            long pageCacheMb = 64;
            long warmUpMs = 0;
            boolean exitOnStdinClose = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                    case "--data" -> dataDir = Path.of(value(args, ++i, "--data")).toAbsolutePath();
                    case "--page-cache-mb" -> pageCacheMb = Long.parseLong(value(args, ++i, "--page-cache-mb"));
                    case "--warm-up-ms" -> warmUpMs = Long.parseLong(value(args, ++i, "--warm-up-ms"));
                    case "--exit-on-stdin-close" -> exitOnStdinClose = true;
                    default -> fail("unknown argument " + args[i]);
                }
            }
            if (port == null || dataDir == null) {
                fail("usage: LocalNeo4j --port PORT --data DIR [--page-cache-mb N] [--warm-up-ms N] [--exit-on-stdin-close]");
            }
            return new Options(port, dataDir, pageCacheMb, warmUpMs, exitOnStdinClose);
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
