package dev.sharedtokens.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The five per-character token filters a custom normalizer may use besides
 * {@code lowercase} ({@code asciifolding}, {@code uppercase}, {@code trim},
 * {@code cjk_width}, {@code decimal_digit}), for the embedded node only.
 *
 * <p>Elasticsearch ships them in its {@code analysis-common} module, which is
 * not published on Maven Central, so the embedded node would lack them. This
 * plugin is <em>not</em> that module: it registers the same Lucene filters
 * (from {@code lucene-analysis-common}, which the server jar already depends
 * on) under the same names and in the same two ways as Elasticsearch 8.19's
 * {@code modules/analysis-common/.../CommonAnalysisPlugin} does:
 *
 * <ul>
 *   <li>{@link #getPreConfiguredTokenFilters()}: a bare name in a normalizer's
 *       {@code filter} list ({@code "filter": ["asciifolding"]}) resolves to the
 *       pre-configured filter, as in {@code CommonAnalysisPlugin
 *       .getPreConfiguredTokenFilters} ({@code PreConfiguredTokenFilter.singleton(
 *       "asciifolding", true, ASCIIFoldingFilter::new)} and the same for the others;
 *       {@code true} = usable for multi-term queries, which makes the factory a
 *       {@code NormalizingTokenFilterFactory}, so a normalizer accepts it);</li>
 *   <li>{@link #getTokenFilters()}: a custom definition in
 *       {@code index.analysis.filter} ({@code {"type": "asciifolding",
 *       "preserve_original": true}}) is built by the factories below, each the
 *       counterpart of {@code ASCIIFoldingTokenFilterFactory},
 *       {@code UpperCaseTokenFilterFactory}, {@code TrimTokenFilterFactory},
 *       {@code CJKWidthFilterFactory} and {@code DecimalDigitFilterFactory}
 *       (all {@code AbstractTokenFilterFactory implements
 *       NormalizingTokenFilterFactory}), plus {@code LowerCaseTokenFilterFactory}:
 *       a custom definition of type {@code lowercase} needs that module too (the
 *       server itself has only the pre-configured {@code lowercase}).</li>
 * </ul>
 *
 * <p>The engine suite's normalizer results on Elasticsearch therefore prove the
 * library against Lucene's filters wired as Elasticsearch wires them, not
 * against Elasticsearch's own module jar.
 */
public final class NormalizerFiltersPlugin extends Plugin implements AnalysisPlugin {

    public NormalizerFiltersPlugin() {}

    /** As {@code CommonAnalysisPlugin.getTokenFilters}, for these five names and {@code lowercase} only. */
    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("asciifolding", AsciiFoldingFactory::new);
        filters.put("cjk_width", (indexSettings, env, name, settings) -> new PlainNormalizingFactory(name, settings, CJKWidthFilter::new));
        filters.put("decimal_digit", (indexSettings, env, name, settings) -> new PlainNormalizingFactory(name, settings, DecimalDigitFilter::new));
        filters.put("lowercase", LowerCaseFactory::new);
        filters.put("trim", TrimFactory::new);
        filters.put("uppercase", (indexSettings, env, name, settings) -> new PlainNormalizingFactory(name, settings, UpperCaseFilter::new));
        return filters;
    }

    /** As {@code CommonAnalysisPlugin.getPreConfiguredTokenFilters}, for these five names only. */
    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
            PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new),
            PreConfiguredTokenFilter.singleton("cjk_width", true, CJKWidthFilter::new),
            PreConfiguredTokenFilter.singleton("decimal_digit", true, DecimalDigitFilter::new),
            PreConfiguredTokenFilter.singleton("trim", true, TrimFilter::new),
            PreConfiguredTokenFilter.singleton("uppercase", true, UpperCaseFilter::new)
        );
    }

    /**
     * {@code UpperCaseTokenFilterFactory}, {@code CJKWidthFilterFactory} and
     * {@code DecimalDigitFilterFactory}: no parameters, {@code create} wraps the
     * stream in the Lucene filter, and {@code normalize} is the interface's
     * default ({@code create}).
     */
    static final class PlainNormalizingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Function<TokenStream, TokenStream> filter;

        PlainNormalizingFactory(String name, Settings settings, Function<TokenStream, TokenStream> filter) {
            super(name, settings);
            this.filter = filter;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return filter.apply(tokenStream);
        }
    }

    /**
     * {@code TrimTokenFilterFactory}: {@code TrimFilter}; the removed
     * {@code update_offsets} parameter is refused as Elasticsearch refuses it.
     */
    static final class TrimFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        TrimFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            if (settings.get("update_offsets") != null) {
                throw new IllegalArgumentException("update_offsets is not supported anymore. Please fix your analysis chain");
            }
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new TrimFilter(tokenStream);
        }
    }

    /**
     * {@code LowerCaseTokenFilterFactory}: {@code LowerCaseFilter}, or with
     * {@code language} Lucene's Greek, Irish or Turkish lower-casing.
     */
    static final class LowerCaseFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final String lang;

        LowerCaseFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            this.lang = settings.get("language", null);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            if (lang == null) {
                return new LowerCaseFilter(tokenStream);
            } else if (lang.equalsIgnoreCase("greek")) {
                return new GreekLowerCaseFilter(tokenStream);
            } else if (lang.equalsIgnoreCase("irish")) {
                return new IrishLowerCaseFilter(tokenStream);
            } else if (lang.equalsIgnoreCase("turkish")) {
                return new TurkishLowerCaseFilter(tokenStream);
            } else {
                throw new IllegalArgumentException("language [" + lang + "] not support for lower case");
            }
        }
    }

    /**
     * {@code ASCIIFoldingTokenFilterFactory}: {@code preserve_original}
     * (default false) applies to analysis; {@code normalize} always folds
     * without keeping the original, because a normalizer must emit one token.
     */
    static final class AsciiFoldingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFoldingFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            this.preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream tokenStream) {
            return new ASCIIFoldingFilter(tokenStream, false);
        }
    }
}
