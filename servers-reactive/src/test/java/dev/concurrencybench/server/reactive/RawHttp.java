package dev.concurrencybench.server.reactive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A deliberately small HTTP/1.1 response reader over a raw socket stream, for tests (Content-Length bodies only). */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] postWork(long ioMicros) {
        String body = "{\"cpuIterations\":1,\"ioMicros\":" + ioMicros + ",\"blockMicros\":0,\"payload\":\"x\"}";
        return ("POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response; throws if the stream ends first. */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) throw new IOException("connection closed before a response");
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = line(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length != length) throw new IOException("body cut short");
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** A CRLF-terminated line without its CRLF, or null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.US_ASCII);
            }
            buf.write(b);
        }
        if (buf.size() == 0) return null;
        throw new IOException("stream ended mid-line");
    }
}
