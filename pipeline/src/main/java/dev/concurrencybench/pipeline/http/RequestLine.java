package dev.concurrencybench.pipeline.http;

import java.nio.charset.StandardCharsets;

/**
 * A parsed request line (RFC 9112 §3): {@code request-line = method SP request-target SP HTTP-version}, single
 * spaces, nothing else. See {@link HttpRequestParser} for the hardened choices this class implements.
 *
 * @param method    the method token, case-sensitive
 * @param target    the request-target as sent
 * @param version   the version to answer as
 * @param authority the authority of an absolute-form or authority-form target (RFC 9112 §3.2.2: it wins over
 *                  Host), or null for origin-form and asterisk-form
 */
record RequestLine(String method, String target, HttpVersion version, String authority) {

    /**
     * Longest method token accepted, in bytes: longer than any registered method (the longest, e.g.
     * {@code UPDATEREDIRECTREF}, have 17 characters), so only a peer probing the parser hits it.
     */
    static final int MAX_METHOD_BYTES = 32;

    private static final boolean[] TARGET = new boolean[128];

    static {
        // RFC 3986 characters a request-target may carry: unreserved, gen-delims except "#", sub-delims, and "%"
        // (checked as pct-encoded separately).
        for (char c = '0'; c <= '9'; c++) TARGET[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TARGET[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TARGET[c] = true;
        for (char c : "-._~:/?[]@!$&'()*+,;=".toCharArray()) TARGET[c] = true;
    }

    /**
     * Parses {@code line[0, len)}, a complete request line without its CRLF.
     *
     * @throws HttpParseException 400 when malformed; 501 for a method longer than {@link #MAX_METHOD_BYTES};
     *                            505 for HTTP major versions other than 1
     */
    static RequestLine parse(byte[] line, int len) throws HttpParseException {
        int sp1 = HttpGrammar.tokenEnd(line, 0, len);
        if (sp1 == 0) throw new HttpParseException(400, "invalid method");
        if (sp1 > MAX_METHOD_BYTES) throw new HttpParseException(501, "method too long");
        if (sp1 == len || line[sp1] != ' ') throw new HttpParseException(400, sp1 == len ? "malformed request line" : "invalid method");
        int sp2 = sp1 + 1;
        while (sp2 < len && line[sp2] != ' ') sp2++;
        if (sp2 == len) throw new HttpParseException(400, "malformed request line");
        if (sp2 == sp1 + 1) throw new HttpParseException(400, "empty request target");
        checkTarget(line, sp1 + 1, sp2);
        HttpVersion version = parseVersion(line, sp2 + 1, len);
        String method = new String(line, 0, sp1, StandardCharsets.US_ASCII);
        String target = new String(line, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.US_ASCII);
        return new RequestLine(method, target, version, authorityOf(method, target));
    }

    /** True when {@code line[0, len)} begins with {@code "HEAD "}: a request line cut short still names its method. */
    static boolean startsWithHead(byte[] line, int len) {
        return len >= 5 && line[0] == 'H' && line[1] == 'E' && line[2] == 'A' && line[3] == 'D' && line[4] == ' ';
    }

    private static void checkTarget(byte[] line, int from, int to) throws HttpParseException {
        for (int i = from; i < to; i++) {
            int c = line[i] & 0xFF;
            if (c == '#') throw new HttpParseException(400, "fragment in request target");
            if (c == '%') {
                if (i + 2 >= to || !isHex(line[i + 1]) || !isHex(line[i + 2])) {
                    throw new HttpParseException(400, "malformed percent-encoding in request target");
                }
                i += 2;
            } else if (c >= 128 || !TARGET[c]) {
                throw new HttpParseException(400, "invalid character in request target");
            }
        }
    }

    /**
     * RFC 9112 §3.2: origin-form, absolute-form (http and https only: the suite is an origin server, not a
     * proxy), asterisk-form for OPTIONS and authority-form for CONNECT; any other combination is a 400.
     *
     * @return the target's authority, or null when it has none
     */
    private static String authorityOf(String method, String target) throws HttpParseException {
        if (target.charAt(0) == '/') return null;
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) throw new HttpParseException(400, "asterisk-form target without OPTIONS");
            return null;
        }
        int afterScheme = target.regionMatches(true, 0, "http://", 0, 7) ? 7
                : target.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
        if (afterScheme > 0) {
            int end = afterScheme;
            while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') end++;
            String authority = target.substring(afterScheme, end);
            HostField.validateTargetAuthority(authority, false);
            return authority;
        }
        if (method.equals("CONNECT")) {
            HostField.validateTargetAuthority(target, true);
            return target;
        }
        throw new HttpParseException(400, "unsupported request-target form");
    }

    /**
     * RFC 9112 §2.3: {@code HTTP-version = HTTP-name "/" DIGIT "." DIGIT}, case-sensitive. RFC 9110 §2.5: a 1.x
     * request with a minor version above ours is answered as the highest 1.x we implement, 1.1; another major
     * version is a 505.
     */
    private static HttpVersion parseVersion(byte[] line, int from, int len) throws HttpParseException {
        boolean wellFormed = len - from == 8
                && line[from] == 'H' && line[from + 1] == 'T' && line[from + 2] == 'T' && line[from + 3] == 'P'
                && line[from + 4] == '/' && isDigit(line[from + 5]) && line[from + 6] == '.' && isDigit(line[from + 7]);
        if (!wellFormed) throw new HttpParseException(400, "malformed HTTP version");
        if (line[from + 5] != '1') throw new HttpParseException(505, "HTTP version not supported");
        return line[from + 7] == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHex(byte b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
