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

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * One Elasticsearch 8.x node in this JVM, for the engine suite.
 *
 * <p>Started through {@link ClasspathPluginsNode} rather than the distribution's
 * bootstrap: since 8.9 only the test framework's {@code MockPluginsService} loads
 * plugins from the classpath, and this path skips the
 * bootstrap checks (entitlements, jar hell, file descriptors) that only make sense
 * for a production install. No mocking plugin is installed, so the node's services
 * are the real ones. Only the server and the Netty transport are on Maven Central:
 * the X-Pack mappers ({@code wildcard}, {@code constant_keyword},
 * {@code unsigned_long}) and the modules {@code mapper-extras}
 * ({@code scaled_float}, {@code match_only_text}) and {@code analysis-common}
 * are not, so this node lacks those types. The normalizer token filters of
 * {@code analysis-common} that the library emulates are registered by
 * {@link NormalizerFiltersPlugin}, built from Lucene's filters as that module's
 * factories build them. The modules behind some guard clauses and aggregations
 * (percolator, parent-join, aggregations, lang-expression) and X-Pack's spatial,
 * analytics and search-business-rules plugins are not published either, so this
 * node refuses their clauses and aggregation types as unknown.
 *
 * <p>Protocol with the runner: when the cluster is up, one line
 * {@code ELASTICSEARCH_PORT=<port>} is printed on stdout (everything else goes to
 * stderr). The node stops on SIGTERM/SIGINT (a shutdown hook closes it and removes
 * its data folder) and, with {@code --exit-on-stdin-eof}, as soon as stdin reaches
 * end of file, which happens when the parent process dies without cleaning up.
 *
 * <p>Arguments: {@code [--exit-on-stdin-eof] [--port <n|range>] [--home <dir>]}.
 * The default port is {@code 0}: the kernel picks a free one.
 */
public final class ElasticsearchNode {

    private ElasticsearchNode() {}

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
        final Path homeDir = ownHome ? Files.createTempDirectory("shared-tokens-elasticsearch-") : home;
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
            // Elasticsearch 8 refuses `DELETE name-*` by default; OpenSearch allows it, and the
            // suite cleans up its per-test indices that way.
            .put("action.destructive_requires_name", false)
            // The parent breaker measures the real heap, garbage included; with a small heap and
            // the serial collector it trips on bursts of searches that would fit after a GC.
            .put("indices.breaker.total.use_real_memory", false)
            // A runaway aggregation must fail as a request error, not exhaust the small heap.
            .put("search.max_buckets", 20000)
            .build();

        // Binds Elasticsearch's own logging API to log4j (the distribution's bootstrap does
        // this); log4j itself reads log4j2.properties from the classpath.
        LogConfigurator.configureESLogging();
        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, NormalizerFiltersPlugin.class);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null, () -> "engine-node");
        Node node = new ClasspathPluginsNode(environment, plugins);

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
        node.client().admin().cluster().prepareHealth(TimeValue.timeValueSeconds(60)).setWaitForGreenStatus().setTimeout(TimeValue.timeValueSeconds(60)).get();
        int boundPort = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        System.out.println("ELASTICSEARCH_PORT=" + boundPort);
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
