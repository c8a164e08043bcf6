package dev.concurrencybench.loadgen.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(ResponseParser p) {
        return new String(p.body(), 0, p.bodyLength(), StandardCharsets.UTF_8);
    }

    @Test
    void contentLengthBodyAndKeepAlive() {
        ResponseParser p = new ResponseParser();
        p.begin(true);
        ByteBuffer b = bytes("HTTP/1.1 200 OK\r\nContent-Length: 13\r\nServer: x\r\n\r\nHello, World!HTTP/1.1 404 N");
        assertEquals(ResponseParser.COMPLETE, p.parse(b));
        assertEquals(200, p.status());
        assertEquals("Hello, World!", body(p));
        assertFalse(p.closeAnnounced());
        p.begin(false);
        assertEquals(ResponseParser.NEED_MORE, p.parse(b));
        assertTrue(p.inResponse());
    }

    @Test
    void everySplitPointParsesTheSame() {
        String r = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\nConnection: Keep-Alive, CLOSE\r\n\r\n"
                + "5\r\nHello\r\n8;ext=1\r\n, World!\r\n0\r\nTrailer: x\r\n\r\n";
        for (int split = 0; split <= r.length(); split++) {
            ResponseParser p = new ResponseParser();
            p.begin(true);
            int first = p.parse(bytes(r.substring(0, split)));
            int second = first == ResponseParser.COMPLETE ? first : p.parse(bytes(r.substring(split)));
            assertEquals(ResponseParser.COMPLETE, second, "split at " + split);
            assertEquals("Hello, World!", body(p), "split at " + split);
            assertTrue(p.closeAnnounced());
        }
    }

    @Test
    void http10WithoutKeepAliveAnnouncesItsClose() {
        ResponseParser p = new ResponseParser();
        p.begin(false);
        assertEquals(ResponseParser.COMPLETE, p.parse(bytes("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")));
        assertTrue(p.closeAnnounced());
        assertEquals(0, p.bodyLength(), "not kept");
        assertEquals(2, p.bodyTotal());
        p.begin(false);
        assertEquals(ResponseParser.COMPLETE,
                p.parse(bytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")));
        assertFalse(p.closeAnnounced());
    }

    @Test
    void bodyUntilCloseEndsWithTheConnection() {
        ResponseParser p = new ResponseParser();
        p.begin(true);
        assertEquals(ResponseParser.NEED_MORE, p.parse(bytes("HTTP/1.1 200 OK\r\n\r\nall of it")));
        assertEquals(ResponseParser.COMPLETE, p.endOfInput());
        assertEquals("all of it", body(p));
        assertTrue(p.closeAnnounced());
    }

    @Test
    void interimResponsesAreSkippedAndEmptyStatusesHaveNoBody() {
        ResponseParser p = new ResponseParser();
        p.begin(true);
        assertEquals(ResponseParser.COMPLETE, p.parse(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")));
        assertEquals(204, p.status());
    }

    @Test
    void cutOffAndMalformedResponsesAreErrors() {
        ResponseParser p = new ResponseParser();
        p.begin(false);
        assertEquals(ResponseParser.NEED_MORE, p.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")));
        assertEquals(ResponseParser.ERROR, p.endOfInput());
        p.begin(false);
        assertEquals(ResponseParser.NEED_MORE, p.endOfInput(), "nothing started: a clean close");
        p.begin(false);
        assertEquals(ResponseParser.ERROR, p.parse(bytes("HTTX/1.1 200 OK\r\n")));
        p.begin(false);
        assertEquals(ResponseParser.ERROR, p.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: x\r\n")));
        p.begin(false);
        assertEquals(ResponseParser.ERROR, p.parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")));
    }
}
