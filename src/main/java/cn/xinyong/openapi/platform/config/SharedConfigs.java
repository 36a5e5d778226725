package cn.xinyong.openapi.platform.config;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Opens the configurations every instance shares ({@link SharedConfig}) and keeps them current: polls the
 * stored revisions (every {@code xinyong.shared-config.poll-every}) and publishes a changed watched file.
 */
@ApplicationScoped
public class SharedConfigs {

    private final SharedConfigStore store;
    private final SharedConfigStore.SharedConfigSettings settings;
    private final List<SharedConfig<?>> configs = new CopyOnWriteArrayList<>();
    private volatile boolean pollFailing;

    SharedConfigs(SharedConfigStore store, SharedConfigStore.SharedConfigSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * A shared configuration: the local one (a file when configured, else the built-in resource; invalid, it
     * stops the start), unless a stored revision is in force. Blocks up to the start timeout: call it at start.
     *
     * @param name the stored configuration's name, e.g. {@code xinyi.schemes}
     * @param what what it is, for logs (e.g. "信易+ schemes")
     */
    public <T> SharedConfig<T> open(String name, String what, Optional<Path> file, String resource,
            Function<byte[], T> parse) {
        SharedConfig<T> config = new SharedConfig<>(name, what, new WatchedConfig<>(what, file, resource, parse), parse,
                store);
        config.adoptStored(settings.startTimeout());
        configs.add(config);
        return config;
    }

    @Scheduled(identity = "shared-config-poll", every = "${xinyong.shared-config.poll-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (SharedConfig<?> config : configs) {
            all = all.flatMap(x -> config.poll());
        }
        return all.invoke(() -> {
            if (pollFailing) {
                pollFailing = false;
                Log.info("shared configuration: revisions readable again");
            }
        }).onFailure().recoverWithItem(e -> {
            if (!pollFailing) {
                pollFailing = true;
                Log.warnf("shared configuration: revisions not readable (%s); the configuration in force stays",
                        e.getMessage());
            }
            return null;
        });
    }

    @Scheduled(identity = "shared-config-files", every = "${xinyong.shared-config.file-check-every:10s}",
            delayed = "${xinyong.shared-config.file-check-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkFiles() {
        for (SharedConfig<?> config : configs) {
            config.checkFile(settings.startTimeout());
        }
    }
}
