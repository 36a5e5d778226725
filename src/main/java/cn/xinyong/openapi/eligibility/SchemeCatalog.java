package cn.xinyong.openapi.eligibility;

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

        /** Key signing decisions: a private EC P-256 JWK file; a key made at start-up when absent. */
        Optional<Path> signingKey();

        /** Issuer named in decision tokens. */
        @WithDefault("xinyong-open-api")
        String issuer();
    }

    private final SchemeParser parser;
    private final XinyiConfig config;
    private final AtomicReference<Map<String, Scheme>> schemes = new AtomicReference<>();
    private volatile long loadedModified = -1;

    SchemeCatalog(ObjectMapper mapper, XinyiConfig config) {
        this.parser = new SchemeParser(mapper);
        this.config = config;
        this.schemes.set(parser.parse(read()));
        Log.infof("信易+ schemes in force: %s", schemes.get().keySet());
    }

    public Map<String, Scheme> all() {
        return schemes.get();
    }

    public Optional<Scheme> get(String code) {
        return Optional.ofNullable(schemes.get().get(code));
    }

    /** Reads the configuration again; throws {@link SchemeParser.InvalidSchemes} and keeps the old one if invalid. */
    public Map<String, Scheme> reload() {
        Map<String, Scheme> fresh = parser.parse(read());
        schemes.set(fresh);
        Log.infof("信易+ schemes reloaded: %s", fresh.keySet());
        return fresh;
    }

    /** Replaces the schemes from a document (the reload endpoint); invalid documents change nothing. */
    public Map<String, Scheme> replace(byte[] json) {
        Map<String, Scheme> fresh = parser.parse(json);
        schemes.set(fresh);
        Log.infof("信易+ schemes replaced: %s", fresh.keySet());
        return fresh;
    }

    @Scheduled(every = "30s", delayed = "30s")
    void watch() {
        config.schemesFile().ifPresent(file -> {
            try {
                long modified = Files.getLastModifiedTime(file).toMillis();
                if (modified != loadedModified) {
                    reload();
                }
            } catch (IOException | SchemeParser.InvalidSchemes e) {
                Log.errorf("信易+ schemes file %s not reloaded: %s", file, e.getMessage());
            }
        });
    }

    private byte[] read() {
        try {
            if (config.schemesFile().isPresent()) {
                Path file = config.schemesFile().get();
                loadedModified = Files.getLastModifiedTime(file).toMillis();
                return Files.readAllBytes(file);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("xinyi/schemes.json")) {
                if (in == null) {
                    throw new SchemeParser.InvalidSchemes("xinyi/schemes.json is missing");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the 信易+ schemes", e);
        }
    }

}
