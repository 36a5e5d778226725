package cn.xinyong.openapi.platform.config;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Configuration operators change without a release (信易+ schemes, the measure catalogue): read from a
 * file when one is configured (and read again when it changes), else from a built-in resource; parsed
 * strictly. An invalid document is refused with the parser's reason and the one in force stays.
 */
public final class WatchedConfig<T> {

    private final String what;
    private final Optional<Path> file;
    private final String resource;
    private final Function<byte[], T> parse;
    private final AtomicReference<T> current = new AtomicReference<>();
    private volatile long loadedModified = -1;

    /** Reads and parses the configuration at once: an invalid one stops the service from starting. */
    public WatchedConfig(String what, Optional<Path> file, String resource, Function<byte[], T> parse) {
        this.what = what;
        this.file = file;
        this.resource = resource;
        this.parse = parse;
        current.set(parse.apply(read()));
    }

    public T current() {
        return current.get();
    }

    /** Reads the configuration again; throws the parser's exception, keeping the one in force, if invalid. */
    public T reload() {
        T fresh = parse.apply(read());
        current.set(fresh);
        Log.infof("%s reloaded", what);
        return fresh;
    }

    /** Replaces the configuration with a document (an internal endpoint); an invalid one changes nothing. */
    public T replace(byte[] document) {
        T fresh = parse.apply(document);
        current.set(fresh);
        Log.infof("%s replaced", what);
        return fresh;
    }

    /** Reloads when the file changed (call it from a scheduled job); an invalid file is logged and ignored. */
    public void reloadIfChanged() {
        file.ifPresent(f -> {
            try {
                long modified = Files.getLastModifiedTime(f).toMillis();
                if (modified != loadedModified) {
                    reload();
                }
            } catch (IOException | RuntimeException e) {
                Log.errorf("%s file %s not reloaded: %s", what, f, e.getMessage());
            }
        });
    }

    private byte[] read() {
        try {
            if (file.isPresent()) {
                loadedModified = Files.getLastModifiedTime(file.get()).toMillis();
                return Files.readAllBytes(file.get());
            }
            return ClasspathResources.bytes(resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what, e);
        }
    }
}
