package cn.xinyong.openapi;

import cn.xinyong.openapi.ingest.BulkLoader;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Entry point. Without arguments it serves the API; {@code load [--rebuild] FILE...} runs the bulk
 * loader against the configured Redis and OpenSearch and exits (0 when no line was rejected);
 * {@code rebuild-cache} rebuilds the Redis cache from the index and exits.
 */
@QuarkusMain
public class XinyongMain implements QuarkusApplication {

    public static void main(String... args) {
        Quarkus.run(XinyongMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && "rebuild-cache".equals(args[0])) {
            var report = CDI.current().select(cn.xinyong.openapi.readmodel.CacheRecovery.class).get()
                    .rebuildAndWait(java.time.Duration.ofHours(2));
            System.out.printf("cache rebuilt from the index: %d entries written, %d removed%n", report.entriesWritten(),
                    report.entriesRemoved());
            return 0;
        }
        if (args.length > 0 && "load".equals(args[0])) {
            return CDI.current().select(BulkLoader.class).get().run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        Quarkus.waitForExit();
        return 0;
    }
}
