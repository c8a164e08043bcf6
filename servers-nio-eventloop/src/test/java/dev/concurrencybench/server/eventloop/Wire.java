package dev.concurrencybench.server.eventloop;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A minimal HTTP/1.1 client over a raw socket, for this module's own tests: it writes bytes and reads responses. */
final class Wire {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Wire() {}

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket(address.getAddress(), address.getPort());
        s.setSoTimeout(20_000);
        return s;
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    static String work(long cpuIterations, long ioMicros, long blockMicros, String payload) {
        String body = "{\"cpuIterations\":" + cpuIterations + ",\"ioMicros\":" + ioMicros + ",\"blockMicros\":"
                + blockMicros + ",\"payload\":" + payload + "}";
        return "POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static void send(Socket s, String requests) throws IOException {
        s.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** Reads one Content-Length-framed response. */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        String line;
        while (!(line = line(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) throw new EOFException("body cut short");
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) throw new EOFException("connection closed mid-response");
            if (b != '\r') buf.write(b);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }
}
