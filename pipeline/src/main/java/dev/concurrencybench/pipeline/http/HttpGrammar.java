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

    /** The end of the token starting at {@code from} ({@code from} itself when there is none), RFC 9110 §5.6.2. */
    static int tokenEnd(byte[] b, int from, int len) {
        int i = from;
        while (i < len && isTchar(b[i])) i++;
        return i;
    }

    /**
     * The index after the quoted-string starting with the DQUOTE at {@code from} (RFC 9110 §5.6.4), or -1 when it
     * is not terminated or holds a byte neither qdtext nor a quoted-pair allows.
     */
    static int quotedStringEnd(byte[] b, int from, int len) {
        for (int i = from + 1; i < len; i++) {
            int c = b[i] & 0xFF;
            if (c == '"') return i + 1;
            if (c == '\\') {
                // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                if (++i == len || !isFieldValueByte(b[i])) return -1;
            } else if (!isFieldValueByte(b[i])) {
                // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text: field-value bytes minus DQUOTE and "\"
                return -1;
            }
        }
        return -1;
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
     * The body length from the Content-Length field lines (RFC 9110 §8.6, RFC 9112 §6.3 item 5): exactly one field
     * line whose value is {@code 1*DIGIT}. Several lines or a list are refused even when the values agree, see
     * {@link HttpRequestParser} ("hardened choices").
     *
     * @throws HttpParseException 400 when repeated, a list, malformed or beyond a long; 413 when above {@code maxBody}
     */
    static long contentLength(List<String> values, long maxBody) throws HttpParseException {
        if (values.size() > 1) throw new HttpParseException(400, "more than one Content-Length field");
        String value = values.get(0);
        if (value.indexOf(',') >= 0) throw new HttpParseException(400, "Content-Length is a list");
        long length = parseDecimal(value);
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
     * @throws HttpParseException 400 when empty, when chunked is not the final coding (RFC 9112 §6.3 item 4: the
     *                            server "MUST respond with the 400 (Bad Request) status code and then close the
     *                            connection") or when chunked is applied twice; 501 when another coding precedes
     *                            chunked (§6.1: a coding the server does not understand "SHOULD" get 501)
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
        if (!codings.getLast().equals("chunked")) throw new HttpParseException(400, "chunked is not the final transfer coding");
        long chunked = codings.stream().filter("chunked"::equals).count();
        // RFC 9112 §6.1: chunked MUST NOT be applied more than once.
        if (chunked > 1) throw new HttpParseException(400, "chunked transfer coding applied more than once");
        if (codings.size() > 1) throw new HttpParseException(501, "unsupported transfer coding");
    }
}
