package cn.xinyong.openapi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final CursorCodec codec = new CursorCodec(() -> "test-key", mapper);

    @Test
    void roundTripsThePosition() {
        ArrayNode position = mapper.createArrayNode().add(3.25).add("91350100M000100Y43");
        String fp = CursorCodec.fingerprint("entities", "商贸");
        assertEquals(position, codec.decode(codec.encode(fp, position), fp));
    }

    @Test
    void refusesACursorOfAnotherQuery() {
        String cursor = codec.encode(CursorCodec.fingerprint("a"), mapper.createArrayNode().add(1));
        ApiProblem p = assertThrows(ApiProblem.class, () -> codec.decode(cursor, CursorCodec.fingerprint("b")));
        assertEquals(ProblemType.INVALID_CURSOR, p.type());
    }

    @Test
    void refusesAlteredOrForeignCursors() {
        String fp = CursorCodec.fingerprint("a");
        String cursor = codec.encode(fp, mapper.createArrayNode().add(1));
        String altered = "x" + cursor.substring(1);
        assertThrows(ApiProblem.class, () -> codec.decode(altered, fp));
        CursorCodec other = new CursorCodec(() -> "other-key", mapper);
        assertThrows(ApiProblem.class, () -> other.decode(cursor, fp));
        assertThrows(ApiProblem.class, () -> codec.decode("no-dot", fp));
        assertThrows(ApiProblem.class, () -> codec.decode("a.b.c", fp));
    }

    @Test
    void fingerprintsSeparateTheirParts() {
        assertNotEquals(CursorCodec.fingerprint("ab", "c"), CursorCodec.fingerprint("a", "bc"));
    }
}
