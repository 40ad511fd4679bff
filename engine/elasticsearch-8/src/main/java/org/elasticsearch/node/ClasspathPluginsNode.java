package org.elasticsearch.node;

import java.util.Collection;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * A {@link Node} whose plugins are classes on the classpath.
 *
 * <p>It lives in {@code org.elasticsearch.node} because, since 8.9, the hooks it
 * needs ({@code NodeConstruction.prepareConstruction}, {@code NodeServiceProvider})
 * are package-private. It does what the test framework's {@code MockNode} does,
 * without {@code MockNode}'s environment preparation, which reads the randomized
 * test context (a port range) and so fails outside a test runner. No mock service
 * is installed: {@code MockPluginsService} only turns classes into plugins.
 */
public final class ClasspathPluginsNode extends Node {

    public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new MockPluginsService(env.settings(), env, plugins);
            }
        }, true));
    }
}
