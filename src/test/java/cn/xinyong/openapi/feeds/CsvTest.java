package cn.xinyong.openapi.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesEscapesJoinsAndDefusesFormulas() throws Exception {
        var record = new ObjectMapper().readTree("""
                {"a":"x,y","b":"say \\"hi\\"","c":["fine","warning"],"d":"=SUM(A1)","e":-1.5,"f":null,
                 "h":"\\t=1+1","i":"\\r@cmd"}""");
        assertEquals("\"x,y\",\"say \"\"hi\"\"\",fine;warning,'=SUM(A1),-1.5,,,'\t=1+1,\"'\r@cmd\"\r\n",
                Csv.row(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), record));
    }
}
