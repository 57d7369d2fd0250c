/*
 * Starts a single OpenSearch 2.x node from plain Maven Central jars, without
 * the OpenSearch distribution (no bin/, modules/ or plugin installer).
 *
 * Run with the Java single-source launcher (Java 17+), all jars of
 * scripts/opensearch/pom.xml on the classpath:
 *
 *   java -cp 'lib/*' scripts/opensearch/Launcher.java \
 *       -Epath.home=... -Ehttp.port=... [-Ekey=value ...]
 *
 * Every "-Ekey=value" argument becomes a node setting, as with the real
 * `opensearch` command. The config dir (<path.home>/config) must hold a
 * log4j2.properties file; scripts/opensearch-node writes one.
 *
 * The modules that the distribution would load from modules/ are passed as
 * classpath plugins instead (see PLUGINS). The node runs until the JVM gets
 * SIGTERM/SIGINT, then closes the node cleanly (flushes shards, releases the
 * data dir lock) before exiting.
 *
 * This is a test fixture: no security manager, no bootstrap checks (the node
 * binds to loopback only), no keystore.
 */

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

public class Launcher {

    /** Distribution modules that this test node loads from the classpath. */
    private static final List<String> PLUGINS = List.of(
        "org.opensearch.transport.Netty4Plugin",            // transport-netty4-client: HTTP + transport
        "org.opensearch.analysis.common.CommonAnalysisPlugin", // analysis-common: stemmers, folding, decompounders...
        "org.opensearch.painless.PainlessPlugin",           // lang-painless: scripts
        "org.opensearch.index.reindex.ReindexPlugin",       // reindex-client: _reindex, _update_by_query, _delete_by_query
        "org.opensearch.index.mapper.MapperExtrasPlugin"    // mapper-extras-client: scaled_float, rank_feature, search_as_you_type...
    );

    /** A Node that accepts classpath plugins (the constructor is protected). */
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            if (!arg.startsWith("-E") || arg.indexOf('=') < 0) {
                throw new IllegalArgumentException("expected -Ekey=value, got: " + arg);
            }
            int eq = arg.indexOf('=');
            builder.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        if (!settings.hasValue("path.home")) {
            throw new IllegalArgumentException("-Epath.home=... is required");
        }
        String nodeName = settings.get("node.name", "node-1");

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), null, () -> nodeName);
        // The node name must be known before the %node_name converter is created.
        LogConfigurator.setNodeName(nodeName);
        // Reads <path.home>/config/log4j2*.properties (log4j-core must be on the classpath).
        LogConfigurator.configure(environment);
        // The node writes http.ports / transport.ports here (node.portsfile=true).
        Files.createDirectories(environment.logsFile());
        Logger logger = LogManager.getLogger(Launcher.class);

        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : PLUGINS) {
            plugins.add(Class.forName(name).asSubclass(Plugin.class));
        }

        final Node node;
        try {
            node = new ClasspathNode(environment, plugins);
        } catch (Throwable t) {
            logger.error("launcher: could not create the node", t);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                    logger.warn("launcher: node did not close within 30s");
                }
            } catch (IOException | InterruptedException e) {
                logger.warn("launcher: error while closing node", e);
            } finally {
                stopped.countDown();
                // log4j's own shutdown hook is disabled (-Dlog4j.shutdownHookEnabled=false)
                // so that the node can still log while it closes; stop it last.
                LogManager.shutdown();
            }
        }, "launcher-shutdown"));

        try {
            node.start();
        } catch (Throwable t) {
            logger.error("launcher: node failed to start", t);
            // Runs the shutdown hook, which closes the half-started node.
            System.exit(1);
        }
        logger.info("launcher: node started");
        // Keep the JVM alive until the shutdown hook has closed the node
        // (the node's own threads are daemon threads).
        stopped.await();
    }
}
