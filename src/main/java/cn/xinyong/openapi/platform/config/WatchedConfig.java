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
 * Configuration every instance must agree on goes through {@link SharedConfig}, which reads its local
 * source here.
 */
public final class WatchedConfig<T> {

    private final String what;
    private final Optional<Path> file;
    private final String resource;
    private final Function<byte[], T> parse;
    private final AtomicReference<T> current = new AtomicReference<>();
    private volatile long loadedModified = -1;
    /** The SHA-256 of the file as last read (null: not read, or to be taken as changed at the next check). */
    private volatile String loadedDigest;
    /** The document {@link #current()} was parsed from. */
    private volatile byte[] document;

    /** Reads and parses the configuration at once: an invalid one stops the service from starting. */
    public WatchedConfig(String what, Optional<Path> file, String resource, Function<byte[], T> parse) {
        this.what = what;
        this.file = file;
        this.resource = resource;
        this.parse = parse;
        byte[] read = read();
        current.set(parse.apply(read));
        document = read;
    }

    public T current() {
        return current.get();
    }

    /** The document the configuration in force was parsed from. */
    public byte[] document() {
        return document.clone();
    }

    /** Where the local configuration comes from (the file or the built-in resource), for logs. */
    public String source() {
        return file.map(f -> "file " + f).orElse("built-in " + resource);
    }

    /**
     * The file's document when its content changed since it was last read here (and is read now), else empty;
     * always empty without a file. A new modification time alone (a Kubernetes ConfigMap update rewrites every
     * file) is no change: the file is read again, and its digest compared with the one last read. Blocking: call
     * it from a worker thread.
     */
    public Optional<byte[]> changedDocument() throws IOException {
        if (file.isEmpty() || Files.getLastModifiedTime(file.get()).toMillis() == loadedModified) {
            return Optional.empty();
        }
        String before = loadedDigest;
        byte[] read = read();
        return loadedDigest.equals(before) ? Optional.empty() : Optional.of(read);
    }

    /**
     * Forgets the file as read, so the next check reads it again and takes it as changed (its change could not be
     * applied).
     */
    public void markUnread() {
        loadedModified = -1;
        loadedDigest = null;
    }

    /** Reads the configuration again; throws the parser's exception, keeping the one in force, if invalid. */
    public T reload() {
        byte[] read = read();
        T fresh = parse.apply(read);
        current.set(fresh);
        document = read;
        Log.infof("%s reloaded", what);
        return fresh;
    }

    /** Replaces the configuration with a document (an internal endpoint); an invalid one changes nothing. */
    public T replace(byte[] document) {
        T fresh = parse.apply(document);
        current.set(fresh);
        this.document = document.clone();
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
                byte[] read = Files.readAllBytes(file.get());
                loadedDigest = SharedConfigStore.digest(read);
                return read;
            }
            return ClasspathResources.bytes(resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what, e);
        }
    }
}
