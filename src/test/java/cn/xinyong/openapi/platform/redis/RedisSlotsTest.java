package cn.xinyong.openapi.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisSlotsTest {

    @Test
    void slotsAreRedisClustersOwn() {
        // The CRC16 check value of the Redis Cluster specification, and slots as CLUSTER KEYSLOT gives them.
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x31C3, RedisSlots.crc16(check, 0, check.length));
        assertEquals(12182, RedisSlots.of("foo"));
        assertEquals(5061, RedisSlots.of("bar"));
        assertEquals(RedisSlots.of("user1000"), RedisSlots.of("xy:{user1000}.following"));
        assertEquals(RedisSlots.of("{user1000}.followers"), RedisSlots.of("{user1000}.following"));
        // An empty tag does not count: the whole key is hashed.
        assertEquals(RedisSlots.crc16("a{}b".getBytes(StandardCharsets.US_ASCII), 0, 4) % RedisSlots.COUNT,
                RedisSlots.of("a{}b"));
    }

    @Test
    void everySlotHasATagThatLandsInIt() {
        for (int slot = 0; slot < RedisSlots.COUNT; slot++) {
            assertEquals(slot, RedisSlots.of("xy:meta:complete{" + RedisSlots.tag(slot) + "}"), "slot " + slot);
        }
    }

    @Test
    void endpointsFromUrls() {
        assertEquals("10.0.0.5:6379", RedisNodes.endpointOf("redis://:secret@10.0.0.5:6379/0"));
        assertEquals("redis-0.data:6380", RedisNodes.endpointOf("redis://redis-0.data:6380"));
        assertEquals("redis.data:6379", RedisNodes.endpointOf("redis://redis.data"));
    }
}
