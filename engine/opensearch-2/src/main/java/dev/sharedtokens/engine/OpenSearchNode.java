package dev.sharedtokens.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.geo.GeoModulePlugin;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.join.ParentJoinPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.percolator.PercolatorPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.script.expression.ExpressionPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, for the engine suite.
 *
 * <p>Started through the {@link Node} constructor rather than the distribution's
 * bootstrap: that path loads the module plugins from the classpath and skips the
 * bootstrap checks (security manager, jar hell, file descriptors) that only make
 * sense for a production install.
 *
 * <p>Protocol with the runner: when the cluster is up, one line
 * {@code OPENSEARCH_PORT=<port>} is printed on stdout (everything else goes to
 * stderr). The node stops on SIGTERM/SIGINT (a shutdown hook closes it and removes
 * its data folder) and, with {@code --exit-on-stdin-eof}, as soon as stdin reaches
 * end of file, which happens when the parent process dies without cleaning up.
 *
 * <p>Arguments: {@code [--exit-on-stdin-eof] [--port <n|range>] [--home <dir>]}.
 * The default port is {@code 0}: the kernel picks a free one.
 */
public final class OpenSearchNode {

    private OpenSearchNode() {}

    public static void main(String[] args) throws Exception {
        boolean exitOnStdinEof = false;
        String port = "0";
        Path home = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                case "--port" -> port = args[++i];
                case "--home" -> home = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        // A folder we created is ours to delete; one we were given is not.
        final boolean ownHome = home == null;
        final Path homeDir = ownHome ? Files.createTempDirectory("shared-tokens-opensearch-") : home;
        Files.createDirectories(homeDir.resolve("config"));

        Settings settings = Settings.builder()
            .put("cluster.name", "shared-tokens-engine")
            .put("node.name", "engine-node")
            .put("path.home", homeDir.toString())
            .put("path.data", homeDir.resolve("data").toString())
            .put("path.logs", homeDir.resolve("logs").toString())
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("transport.port", "0")
            // Shared CI disks can be nearly full; the watermark must not make shards unassigned.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false)
            // The parent breaker measures the real heap, garbage included; with a small heap and
            // the serial collector it trips on bursts of searches that would fit after a GC.
            .put("indices.breaker.total.use_real_memory", false)
            // A runaway aggregation must fail as a request error, not exhaust the small heap.
            .put("search.max_buckets", 20000)
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null, () -> "engine-node");
        List<Class<? extends Plugin>> plugins = List.of(
            Netty4Plugin.class,
            MapperExtrasPlugin.class,
            CommonAnalysisPlugin.class,
            GeoModulePlugin.class,
            PercolatorPlugin.class,
            ParentJoinPlugin.class,
            ExpressionPlugin.class
        );
        Node node = new Node(environment, plugins, true) {};

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                System.err.println("error while closing the node: " + e);
            }
            if (ownHome) {
                deleteRecursively(homeDir);
            }
        }, "engine-node-shutdown"));

        node.start();
        node.client().admin().cluster().prepareHealth().setWaitForGreenStatus().setTimeout("60s").get();
        int boundPort = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        System.out.println("OPENSEARCH_PORT=" + boundPort);
        System.out.flush();

        if (exitOnStdinEof) {
            Thread watcher = new Thread(() -> {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                try {
                    while (in.read(buffer) >= 0) {
                        // The runner writes nothing; any bytes are ignored.
                    }
                } catch (IOException ignored) {
                    // A broken pipe means the same as end of file: the parent is gone.
                }
                System.exit(0);
            }, "engine-node-parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        // The node's own threads keep the JVM alive; park the main thread until exit.
        Thread.currentThread().join();
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
