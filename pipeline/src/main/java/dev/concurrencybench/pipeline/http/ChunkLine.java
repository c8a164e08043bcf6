package dev.concurrencybench.pipeline.http;

/**
 * The chunk header line of RFC 9112 §7.1, without its CRLF, checked to the letter:
 *
 * <pre>
 * chunk      = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 * chunk-size = 1*HEXDIG
 * chunk-ext  = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * chunk-ext-name = token
 * chunk-ext-val  = token / quoted-string
 * </pre>
 *
 * <p>Leading zeros are valid ({@code 1*HEXDIG} has no length bound), so they are skipped rather than counted; a
 * value that needs more than 63 bits is refused (400), never wrapped. Extensions are validated and then ignored
 * (§7.1.1: "A recipient MUST ignore unrecognized chunk extensions"). Everything else — a bare {@code ;}, an
 * unterminated quoted-string, whitespace after the size with no extension behind it — is a 400.
 *
 * <p>Stateless and thread-safe.
 */
final class ChunkLine {

    /** Values above this cannot take one more hex digit without passing 63 bits. */
    private static final long LAST_SAFE_SHIFT = Long.MAX_VALUE >>> 4;

    private ChunkLine() {}

    /**
     * The chunk-size of a chunk header line {@code line[0, len)}.
     *
     * @return the size in bytes, 0 for the last chunk
     * @throws HttpParseException 400 when the line does not match the grammar or the size passes 63 bits
     */
    static long parseChunkSize(byte[] line, int len) throws HttpParseException {
        long size = 0;
        int i = 0;
        for (; i < len; i++) {
            int d = hexValue(line[i]);
            if (d < 0) break;
            if (size > LAST_SAFE_SHIFT) throw new HttpParseException(400, "chunk size overflows 63 bits");
            size = (size << 4) | d;
        }
        if (i == 0) throw new HttpParseException(400, "invalid chunk size");
        while (i < len) {
            int semi = skipBws(line, i, len);
            if (semi == len) throw new HttpParseException(400, "trailing whitespace in chunk line");
            if (line[semi] != ';') throw new HttpParseException(400, "invalid chunk size");
            int name = skipBws(line, semi + 1, len);
            int nameEnd = HttpGrammar.tokenEnd(line, name, len);
            if (nameEnd == name) throw new HttpParseException(400, "chunk extension without a name");
            int eq = skipBws(line, nameEnd, len);
            if (eq < len && line[eq] == '=') {
                int value = skipBws(line, eq + 1, len);
                int valueEnd = value < len && line[value] == '"'
                        ? HttpGrammar.quotedStringEnd(line, value, len)
                        : HttpGrammar.tokenEnd(line, value, len);
                if (valueEnd <= value) throw new HttpParseException(400, "invalid chunk extension value");
                i = valueEnd;
            } else {
                // BWS after a name belongs to a following "=" or ";": if neither comes, the next round refuses it.
                i = nameEnd;
            }
        }
        return size;
    }

    /** BWS is OWS (RFC 9110 §5.6.3): spaces and horizontal tabs. */
    private static int skipBws(byte[] line, int from, int len) {
        int i = from;
        while (i < len && HttpGrammar.isOws(line[i])) i++;
        return i;
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }
}
