package cn.xinyong.openapi.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.problem.Outages;
import org.junit.jupiter.api.Test;

/** Which failures are a store saying "not now" (503 with Retry-After) and which are bugs (500). */
class OutagesTest {

    @Test
    void redisAnswersDuringAFailoverAreOutages() {
        assertTrue(Outages.isUnreachable(new IllegalStateException("CLUSTERDOWN The cluster is down")));
        assertTrue(Outages.isUnreachable(new IllegalStateException("TRYAGAIN Multiple keys request during rehashing")));
        assertTrue(Outages.isUnreachable(new IllegalStateException("LOADING Redis is loading the dataset in memory")));
        assertTrue(Outages.isUnreachable(new IllegalStateException("READONLY You can't write against a read only replica.")));
        assertTrue(Outages.isUnreachable(new RuntimeException("wrapped", new IllegalStateException(
                "ERR Error running script (call to f_42f3): @user_script:6: @user_script: 6: -NOREPLICAS Not enough good "
                        + "replicas to write."))));
        assertTrue(Outages.isUnreachable(new IllegalStateException("MOVED 3999 127.0.0.1:6381")));
        assertTrue(Outages.isUnreachable(new java.net.ConnectException("Connection refused: /127.0.0.1:22877")));
    }

    @Test
    void bugsAndOtherAnswersAreNot() {
        assertFalse(Outages.isUnreachable(new IllegalStateException("WRONGTYPE Operation against a key holding the wrong kind")));
        assertFalse(Outages.isUnreachable(new IllegalStateException("ERR Error running script: attempt to compare nil")));
        assertFalse(Outages.isUnreachable(new NullPointerException()));
        assertFalse(Outages.isUnreachable(new IllegalArgumentException("the LOADING dock is closed".toLowerCase())));
        assertFalse(Outages.isUnreachable(new IllegalStateException("a TASK failed")));
    }
}
