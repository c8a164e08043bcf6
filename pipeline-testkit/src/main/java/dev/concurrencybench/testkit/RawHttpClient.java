package dev.concurrencybench.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A deliberately small, strict HTTP/1.1 client over one socket: the conformance suite's oracle. It writes raw
 * bytes exactly as given and parses responses byte by byte: a status line, CRLF-terminated field lines without
 * obs-fold, and a body framed by exactly one {@code Content-Length} (every response of the wire contract has
 * one; a chunked or unframed response is a protocol error here).
 *
 * <p>Not thread-safe: one client per test thread. Every read is bounded by the socket's read timeout, so a
 * server that hangs makes the test fail with {@link SocketTimeoutException}, never hang it.
 */
public final class RawHttpClient implements Closeable {

    /** How long a read may wait for the server before the test fails, in milliseconds. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private static final Pattern STATUS_LINE = Pattern.compile("(HTTP/1\\.[01]) ([1-5][0-9]{2}) ([\\t \\x21-\\x7e]*)");
    private static final Pattern FIELD_LINE = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*(.*?)[ \\t]*");
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final Socket socket;
    private final CountingInputStream in;
    private final OutputStream out;

    private RawHttpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new CountingInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A plaintext connection to {@code address}. */
    public static RawHttpClient connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, READ_TIMEOUT_MILLIS);
            return new RawHttpClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A TLS 1.3 connection to {@code address}, trusting any certificate (servers use self-signed ones); handshake done. */
    public static RawHttpClient connectTls(InetSocketAddress address) throws IOException {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket();
        try {
            s.connect(address, READ_TIMEOUT_MILLIS);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.setEnabledProtocols(new String[] {"TLSv1.3"});
            s.startHandshake();
            return new RawHttpClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** An SSLContext whose trust manager accepts every certificate chain. */
    public static SSLContext trustAll() {
        TrustManager trustEverything = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(null, new TrustManager[] {trustEverything}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("JDK without TLS 1.3", e);
        }
    }

    public Socket socket() {
        return socket;
    }

    /** Bytes read from the server so far: tells a response cut short (some bytes) from one never begun (none). */
    public long bytesReceived() {
        return in.count;
    }

    /** Writes {@code bytes} as they are and flushes. */
    public RawHttpClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes {@code text} as ISO-8859-1 bytes (so control characters go out unchanged) and flushes. */
    public RawHttpClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code request} and reads one response. */
    public RawResponse exchange(String request) throws IOException {
        send(request);
        return readResponse();
    }

    /**
     * Reads exactly one response.
     *
     * @throws EOFException         if the server closed before a complete response
     * @throws IOException          if the bytes are not a well-framed HTTP/1.x response
     * @throws SocketTimeoutException if nothing arrives within {@link #READ_TIMEOUT_MILLIS}
     */
    public RawResponse readResponse() throws IOException {
        return readResponse(false);
    }

    /** Sends a HEAD {@code request} and reads its response, which has no body whatever its Content-Length says. */
    public RawResponse exchangeHead(String request) throws IOException {
        send(request);
        return readResponse(true);
    }

    /**
     * Reads exactly one response; {@code toHead} true reads the answer to a HEAD request: a head with exactly one
     * valid Content-Length (the length GET would get, RFC 9110 §8.6) and no body bytes after it (§9.3.2), so
     * the next bytes on the connection must be the next response.
     */
    public RawResponse readResponse(boolean toHead) throws IOException {
        String statusLine = readLine();
        Matcher m = STATUS_LINE.matcher(statusLine);
        if (!m.matches()) throw new IOException("malformed status line: " + printable(statusLine));
        List<RawResponse.Header> headers = new ArrayList<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            Matcher f = FIELD_LINE.matcher(line);
            if (!f.matches()) throw new IOException("malformed field line: " + printable(line));
            headers.add(new RawResponse.Header(f.group(1), f.group(2)));
            if (headers.size() > 200) throw new IOException("more than 200 response header lines");
        }
        RawResponse head = new RawResponse(m.group(1), Integer.parseInt(m.group(2)), m.group(3), headers, new byte[0]);
        if (head.header("Transfer-Encoding") != null) {
            throw new IOException("unexpected Transfer-Encoding in response: " + head);
        }
        List<String> lengths = head.headers("Content-Length");
        if (lengths.size() != 1 || !lengths.get(0).matches("[0-9]{1,9}")) {
            throw new IOException("response needs exactly one valid Content-Length: " + head);
        }
        int length = Integer.parseInt(lengths.get(0));
        if (toHead) return head;
        if (length > MAX_BODY) throw new IOException("response body too large: " + length);
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("connection closed after " + body.length + " of " + length + " body bytes");
        }
        return new RawResponse(head.version(), head.status(), head.reason(), headers, body);
    }

    /**
     * Waits until the server closes the connection, discarding whatever bytes arrive first.
     *
     * @return what arrived before the close (possibly empty)
     * @throws SocketTimeoutException if the connection is still open after {@code timeoutMillis}
     */
    public byte[] readUntilClosed(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (seen.size() < MAX_BODY) seen.write(buf, 0, n);
            }
        } catch (SocketException e) {
            // A reset counts as closed: the server may abort a connection whose framing is lost (RFC 9112 §9.6).
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
        return seen.toByteArray();
    }

    /** True if the server closed within {@code timeoutMillis}, false if the connection is still open then. */
    public boolean closedByServerWithin(int timeoutMillis) throws IOException {
        try {
            readUntilClosed(timeoutMillis);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Closes with an RST instead of a FIN (SO_LINGER 0): the abortive close of a crashed client. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(sb.isEmpty() ? "connection closed before a response"
                        : "connection closed mid-line: " + printable(sb.toString()));
            }
            if (b == '\r') {
                int lf = in.read();
                if (lf != '\n') throw new IOException("CR not followed by LF after: " + printable(sb.toString()));
                return sb.toString();
            }
            if (b == '\n') throw new IOException("bare LF after: " + printable(sb.toString()));
            if (sb.length() >= MAX_LINE) throw new IOException("response line longer than " + MAX_LINE);
            sb.append((char) b);
        }
    }

    /** Counts what the client has read; unbuffered, like the socket stream under it. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) sb.append(c);
            else sb.append(String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
