package cn.xinyong.openapi.eligibility;

import cn.xinyong.openapi.platform.config.SharedConfig;
import cn.xinyong.openapi.platform.config.SharedConfigs;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The 信易+ schemes, configuration operators change without a release and every instance shares
 * ({@link SharedConfig}): the service refuses to start on an invalid file, and a replacement (or a
 * changed file) that is invalid is refused with the reason while the schemes in force stay.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class SchemeCatalog {

    @ConfigMapping(prefix = "xinyong.xinyi")
    public interface XinyiConfig {
        /**
         * A schemes file on disk, watched for changes (a change is stored for every instance); the built-in schemes
         * when absent. A shared revision stored in PostgreSQL wins over either at start.
         */
        Optional<Path> schemesFile();

        /**
         * How long a signed decision is answered again for the same scheme and subject while nothing it rests on has
         * changed (the subject's records, the scheme, the date); 0 signs every decision anew.
         */
        @WithDefault("60s")
        java.time.Duration decisionReuse();

        /** Decisions kept for reuse at most (per instance). */
        @WithDefault("100000")
        int decisionReuseEntries();

    }

    /** The stored name of the shared schemes. */
    public static final String SHARED_NAME = "xinyi.schemes";

    private final SharedConfig<Map<String, Scheme>> schemes;

    SchemeCatalog(ObjectMapper mapper, XinyiConfig config, SharedConfigs shared) {
        SchemeParser parser = new SchemeParser(mapper);
        this.schemes = shared.open(SHARED_NAME, "信易+ schemes", config.schemesFile(), "xinyi/schemes.json", parser::parse);
        Log.infof("信易+ schemes in force: %s", schemes.current().keySet());
    }

    public Map<String, Scheme> all() {
        return schemes.current();
    }

    public Optional<Scheme> get(String code) {
        return Optional.ofNullable(schemes.current().get(code));
    }

    /** The shared revision in force (0: the built-in or file schemes, nothing stored yet). */
    public long revision() {
        return schemes.inForce().revision();
    }

    /**
     * Replaces the schemes for every instance (the internal endpoint): fails with {@link SchemeParser.InvalidSchemes}
     * when invalid, and changes nothing then.
     */
    public Uni<SharedConfig.InForce<Map<String, Scheme>>> replace(byte[] json) {
        return schemes.replace(json);
    }
}
