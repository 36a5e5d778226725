package cn.xinyong.openapi.ingest.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.zip.GZIPOutputStream;

/**
 * Command line: writes a synthetic feed file, streamed (gzip when the name ends in .gz).
 * {@code GenerateFeed <file> [entities=20000] [seed=20261125] [asOf=today]}
 */
public final class GenerateFeed {

    private GenerateFeed() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GenerateFeed <file[.gz]> [entities] [seed] [asOf yyyy-mm-dd]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long entities = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261125L;
        LocalDate asOf = args.length > 3 ? LocalDate.parse(args[3]) : cn.xinyong.openapi.platform.TimeSource.system().today();
        long started = System.nanoTime();
        long lines = 0;
        OutputStream raw = Files.newOutputStream(file);
        if (file.toString().endsWith(".gz")) {
            raw = new GZIPOutputStream(raw, 1 << 16);
        }
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16)) {
            Iterator<String> it = new SyntheticFeed(seed, asOf).lines(entities);
            while (it.hasNext()) {
                out.write(it.next());
                out.write('\n');
                lines++;
            }
        }
        System.out.printf("wrote %d lines for %d entities to %s in %.1f s%n", lines, entities, file,
                (System.nanoTime() - started) / 1e9);
    }
}
