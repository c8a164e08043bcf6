package dev.concurrencybench.pipeline.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RFC 9110 / RFC 9112 syntax rules {@link HttpRequestParser} checks on complete lines and header values.
 * Stateless; every method either returns the parsed value or throws the {@link HttpParseException} to answer with.
 */
final class HttpGrammar {

    /** 16^15 = 2^60: fifteen hex digits always fit in a long, sixteen may not. */
    static final int MAX_CHUNK_SIZE_DIGITS = 15;

    private static final boolean[] TCHAR = new boolean[256];

    static {
        // tchar, RFC 9110 §5.6.2
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    private HttpGrammar() {}

    static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    /** field-vchar / SP / HTAB, RFC 9110 §5.5: VCHAR and obs-text, no other control characters. */
    static boolean isFieldValueByte(byte b) {
        int c = b & 0xFF;
        return c == ' ' || c == '\t' || (c > 0x20 && c != 0x7F);
    }

    /**
     * One field line without its CRLF (RFC 9112 §5): {@code field-name ":" OWS field-value OWS}.
     *
     * @return the name as received and the value with surrounding OWS removed, decoded as ISO-8859-1 so that
     *         obs-text octets survive unchanged
     */
    static HttpHeaders.Field parseFieldLine(byte[] line, int len) throws HttpParseException {
        if (len > 0 && isOws(line[0])) {
            // obs-fold is deprecated; RFC 9112 §5.2 lets a server reject it with 400.
            throw new HttpParseException(400, "obsolete line folding in header section");
        }
        int colon = -1;
        for (int i = 0; i < len; i++) {
            byte b = line[i];
            if (b == ':') {
                colon = i;
                break;
            }
            if (isOws(b)) {
                // RFC 9112 §5.1: whitespace before the colon MUST be rejected with 400 (request smuggling).
                throw new HttpParseException(400, "whitespace between header field name and colon");
            }
            if (!isTchar(b)) throw new HttpParseException(400, "invalid character in header field name");
        }
        if (colon < 0) throw new HttpParseException(400, "header field line without colon");
        if (colon == 0) throw new HttpParseException(400, "empty header field name");
        int start = colon + 1;
        int end = len;
        while (start < end && isOws(line[start])) start++;
        while (end > start && isOws(line[end - 1])) end--;
        for (int i = start; i < end; i++) {
            if (!isFieldValueByte(line[i])) throw new HttpParseException(400, "invalid character in header field value");
        }
        return new HttpHeaders.Field(new String(line, 0, colon, StandardCharsets.US_ASCII),
                new String(line, start, end - start, StandardCharsets.ISO_8859_1));
    }

    /**
     * The body length from every Content-Length field value (RFC 9112 §6.3 item 5): each list element must be
     * 1*DIGIT and all must be identical.
     *
     * @throws HttpParseException 400 when malformed, conflicting or beyond a long; 413 when above {@code maxBody}
     */
    static long contentLength(List<String> values, long maxBody) throws HttpParseException {
        long length = -1;
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                long n = parseDecimal(element.trim());
                if (length >= 0 && n != length) throw new HttpParseException(400, "conflicting Content-Length values");
                length = n;
            }
        }
        if (length > maxBody) throw new HttpParseException(413, "request body too large");
        return length;
    }

    private static long parseDecimal(String s) throws HttpParseException {
        if (s.isEmpty()) throw new HttpParseException(400, "empty Content-Length");
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new HttpParseException(400, "malformed Content-Length");
            int d = c - '0';
            if (n > (Long.MAX_VALUE - d) / 10) throw new HttpParseException(400, "Content-Length overflows");
            n = n * 10 + d;
        }
        return n;
    }

    /**
     * Checks that the Transfer-Encoding values name exactly the coding {@code chunked}, the only one this suite
     * decodes (RFC 9112 §6.1, §7).
     *
     * @throws HttpParseException 400 when empty or when chunked is applied twice; 501 for any other coding
     */
    static void requireChunkedOnly(List<String> values) throws HttpParseException {
        List<String> codings = new ArrayList<>(2);
        for (String value : values) {
            for (String element : value.split(",")) {
                String coding = element.trim();
                // Empty list elements are allowed and ignored (RFC 9110 §5.6.1.2).
                if (!coding.isEmpty()) codings.add(coding.toLowerCase(Locale.ROOT));
            }
        }
        if (codings.isEmpty()) throw new HttpParseException(400, "empty Transfer-Encoding");
        long chunked = codings.stream().filter("chunked"::equals).count();
        if (chunked == 1 && codings.size() == 1) return;
        // RFC 9112 §6.1: chunked MUST NOT be applied more than once.
        if (chunked > 1) throw new HttpParseException(400, "chunked transfer coding applied more than once");
        // RFC 9112 §6.1: an unknown coding, or chunked not last, cannot be framed: 501.
        throw new HttpParseException(501, "unsupported transfer coding");
    }

    /**
     * The chunk-size of a chunk header line without its CRLF (RFC 9112 §7.1): {@code 1*HEXDIG} then optional
     * {@code BWS ";" chunk-ext}, whose content is ignored (§7.1.1 lets a recipient ignore unknown extensions).
     */
    static long parseChunkSize(byte[] line, int len) throws HttpParseException {
        long size = 0;
        int i = 0;
        for (; i < len; i++) {
            int d = hexValue(line[i]);
            if (d < 0) break;
            if (i == MAX_CHUNK_SIZE_DIGITS) throw new HttpParseException(400, "chunk size too large");
            size = (size << 4) | d;
        }
        if (i == 0) throw new HttpParseException(400, "invalid chunk size");
        while (i < len && isOws(line[i])) i++;
        if (i < len && line[i] != ';') throw new HttpParseException(400, "invalid chunk size");
        return size;
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }
}
