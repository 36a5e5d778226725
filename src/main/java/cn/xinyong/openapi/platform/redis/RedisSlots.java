package cn.xinyong.openapi.platform.redis;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's key space: 16,384 hash slots, a key's slot the CRC16 (XMODEM) of the key or of its hash tag (the
 * part between the first {@code {}} and the next {@code }}, when not empty). Also a hash tag for every slot, so a key
 * can be placed on purpose in the slot of another (a marker beside the data it vouches for).
 */
public final class RedisSlots {

    public static final int COUNT = 16_384;

    private static final int[] CRC_TABLE = new int[256];
    private static final String[] TAGS = new String[COUNT];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            CRC_TABLE[i] = crc & 0xFFFF;
        }
        // The shortest base-36 strings, in order, until every slot has one (about 160,000 tried, a few milliseconds).
        int found = 0;
        for (int n = 0; found < COUNT; n++) {
            String tag = Integer.toString(n, 36);
            int slot = crc16(tag.getBytes(StandardCharsets.US_ASCII), 0, tag.length()) % COUNT;
            if (TAGS[slot] == null) {
                TAGS[slot] = tag;
                found++;
            }
        }
    }

    private RedisSlots() {
    }

    /** The slot of a key, as Redis Cluster computes it. */
    public static int of(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                return crc16(bytes, open + 1, close) % COUNT;
            }
        }
        return crc16(bytes, 0, bytes.length) % COUNT;
    }

    /** A hash tag (without braces) whose keys land in {@code slot}. */
    public static String tag(int slot) {
        return TAGS[slot];
    }

    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
