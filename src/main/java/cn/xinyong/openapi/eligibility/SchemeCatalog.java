package cn.xinyong.openapi.eligibility;

import cn.xinyong.openapi.platform.config.WatchedConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The 信易+ schemes, from a configuration file operators can change without a release: the service
 * refuses to start on an invalid file, and a reload of an invalid file is refused with the reason
 * while the schemes in force stay.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class SchemeCatalog {

    @ConfigMapping(prefix = "xinyong.xinyi")
    public interface XinyiConfig {
        /** A schemes file on disk, watched for changes; the built-in schemes when absent. */
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

    private final WatchedConfig<Map<String, Scheme>> schemes;

    SchemeCatalog(ObjectMapper mapper, XinyiConfig config) {
        SchemeParser parser = new SchemeParser(mapper);
        this.schemes = new WatchedConfig<>("信易+ schemes", config.schemesFile(), "xinyi/schemes.json", parser::parse);
        Log.infof("信易+ schemes in force: %s", schemes.current().keySet());
    }

    public Map<String, Scheme> all() {
        return schemes.current();
    }

    public Optional<Scheme> get(String code) {
        return Optional.ofNullable(schemes.current().get(code));
    }

    /** Reads the configuration again; throws {@link SchemeParser.InvalidSchemes} and keeps the old one if invalid. */
    public Map<String, Scheme> reload() {
        return schemes.reload();
    }

    /** Replaces the schemes from a document (the reload endpoint); invalid documents change nothing. */
    public Map<String, Scheme> replace(byte[] json) {
        return schemes.replace(json);
    }

    @Scheduled(every = "30s", delayed = "30s")
    void watch() {
        schemes.reloadIfChanged();
    }
}
