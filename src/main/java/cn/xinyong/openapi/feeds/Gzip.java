package cn.xinyong.openapi.feeds;

import io.smallrye.mutiny.Multi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Compresses a stream of text chunks into a gzip stream as it flows: memory stays at one batch. */
public final class Gzip {

    static final int BATCH = 500;

    private Gzip() {
    }

    public static Multi<byte[]> stream(Multi<String> chunks) {
        return Multi.createFrom().deferred(() -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
            GZIPOutputStream gzip = gzip(buffer);
            Multi<byte[]> body = chunks.group().intoLists().of(BATCH).map(batch -> write(gzip, buffer, batch));
            Multi<byte[]> trailer = Multi.createFrom().item(() -> finish(gzip, buffer));
            return Multi.createBy().concatenating().streams(body, trailer);
        });
    }

    private static GZIPOutputStream gzip(ByteArrayOutputStream buffer) {
        try {
            return new GZIPOutputStream(buffer, 16 * 1024, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(GZIPOutputStream gzip, ByteArrayOutputStream buffer, List<String> batch) {
        try {
            for (String s : batch) {
                gzip.write(s.getBytes(StandardCharsets.UTF_8));
            }
            gzip.flush();
            byte[] out = buffer.toByteArray();
            buffer.reset();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] finish(GZIPOutputStream gzip, ByteArrayOutputStream buffer) {
        try {
            gzip.finish();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
