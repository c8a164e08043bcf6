package dev.concurrencybench.pipeline.http;

/**
 * The authority grammar of RFC 3986 §3.2.2–3.2.3 as HTTP uses it: the {@code Host} field value
 * ({@code Host = uri-host [ ":" port ]}, RFC 9110 §7.2) and the authority of an absolute-form or authority-form
 * request-target (RFC 9112 §3.2.2, §3.2.3).
 *
 * <ul>
 *   <li>{@code uri-host = IP-literal / IPv4address / reg-name}; an IPv4address is also a reg-name, so it needs no
 *       test of its own. A reg-name is unreserved, pct-encoded and sub-delims characters, <b>except the comma</b>:
 *       Host is a singleton field (RFC 9110 §5.3), and a comma in it is two field lines combined into a list by
 *       some hop, not a host name.</li>
 *   <li>{@code IP-literal = "[" ( IPv6address / IPvFuture ) "]"}, checked to the letter.</li>
 *   <li>{@code port = *DIGIT}; an empty port after the colon is grammatical and accepted, a value above 65535
 *       cannot name a TCP port and is refused.</li>
 *   <li>Userinfo ({@code @}), a path, whitespace or anything else outside those sets is invalid: 400.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class HostField {

    private static final int MAX_PORT = 65_535;
    private static final boolean[] REG_NAME = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) REG_NAME[c] = true;
        for (char c = 'a'; c <= 'z'; c++) REG_NAME[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) REG_NAME[c] = true;
        // unreserved "-._~" and sub-delims "!$&'()*+;=" without the comma (see the class comment); '%' is
        // pct-encoded, checked separately.
        for (char c : "-._~!$&'()*+;=".toCharArray()) REG_NAME[c] = true;
    }

    private HostField() {}

    /**
     * RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message
     * that lacks a Host header field and to any request message that contains more than one Host header field
     * line or a Host header field with an invalid field value." An HTTP/1.0 request may omit it.
     *
     * @throws HttpParseException 400 in each of those cases
     */
    static void checkHostFields(HttpVersion version, HttpHeaders headers) throws HttpParseException {
        java.util.List<String> hosts = headers.getAll("Host");
        if (hosts.size() > 1) throw new HttpParseException(400, "more than one Host header");
        if (hosts.isEmpty()) {
            if (version == HttpVersion.HTTP_1_1) throw new HttpParseException(400, "missing Host header");
            return;
        }
        validateHost(hosts.get(0));
    }

    /**
     * Validates a {@code Host} field value. An empty value is accepted: RFC 9112 §3.2 makes a client send exactly
     * that when the target URI has no authority, and the suite serves one origin per listening socket, so the
     * connection itself supplies the authority (RFC 9112 §3.3 lets the server apply "a configured default").
     *
     * @throws HttpParseException 400 when the value is not {@code uri-host [ ":" port ]}
     */
    static void validateHost(String value) throws HttpParseException {
        if (value.isEmpty()) return;
        if (!isAuthority(value, false)) throw new HttpParseException(400, "invalid Host header");
    }

    /**
     * Validates the authority of an absolute-form target ({@code portRequired} false) or of an authority-form
     * target ({@code portRequired} true). Both need a non-empty host: RFC 9110 §4.2.1 says a recipient of an
     * "http" URI with an empty host MUST reject it as invalid, and §4.2.4 tells it to treat userinfo as an error.
     *
     * @throws HttpParseException 400 when the authority is not {@code uri-host [ ":" port ]}
     */
    static void validateTargetAuthority(String authority, boolean portRequired) throws HttpParseException {
        if (authority.indexOf('@') >= 0) throw new HttpParseException(400, "userinfo in request target");
        if (!isAuthority(authority, portRequired)) throw new HttpParseException(400, "invalid authority in request target");
    }

    private static boolean isAuthority(String s, boolean portRequired) {
        int n = s.length();
        int hostEnd;
        if (n > 0 && s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0 || !isIpLiteral(s, 1, close)) return false;
            hostEnd = close + 1;
        } else {
            hostEnd = s.indexOf(':');
            if (hostEnd < 0) hostEnd = n;
            // reg-name may be empty in RFC 3986, but an empty host with a port names nothing.
            if (hostEnd == 0 || !isRegName(s, 0, hostEnd)) return false;
        }
        if (hostEnd == n) return !portRequired;
        if (s.charAt(hostEnd) != ':') return false;
        return isPort(s, hostEnd + 1, n, portRequired);
    }

    private static boolean isRegName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) return false;
                i += 2;
            } else if (c >= 128 || !REG_NAME[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String s, int from, int to, boolean required) {
        if (from == to) return !required;
        if (to - from > 5) return false;
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
            port = port * 10 + (c - '0');
        }
        return port <= MAX_PORT;
    }

    /** {@code IPv6address / IPvFuture} between the brackets, {@code [from, to)}. */
    static boolean isIpLiteral(String s, int from, int to) {
        if (from < to && (s.charAt(from) == 'v' || s.charAt(from) == 'V')) return isIpvFuture(s, from + 1, to);
        return isIpv6(s, from, to);
    }

    /** {@code "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )}, after the "v". */
    private static boolean isIpvFuture(String s, int from, int to) {
        int i = from;
        while (i < to && isHex(s.charAt(i))) i++;
        if (i == from || i >= to || s.charAt(i) != '.') return false;
        i++;
        if (i == to) return false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c != ':' && c != ',' && (c >= 128 || !REG_NAME[c])) return false;
        }
        return true;
    }

    /** RFC 3986 §3.2.2 IPv6address: eight h16 groups, or fewer with one "::", the last two optionally an IPv4. */
    private static boolean isIpv6(String s, int from, int to) {
        int groups = 0;
        boolean elided = false;
        int i = from;
        if (i + 1 < to && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            elided = true;
            i += 2;
        } else if (i < to && s.charAt(i) == ':') {
            return false;
        }
        while (i < to) {
            int start = i;
            while (i < to && isHex(s.charAt(i)) && i - start < 5) i++;
            if (i < to && s.charAt(i) == '.') {
                if (!isIpv4(s, start, to)) return false;
                groups += 2;
                break;
            }
            if (i == start || i - start > 4) return false;
            groups++;
            if (i == to) break;
            if (s.charAt(i) != ':') return false;
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (elided) return false;
                elided = true;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        return elided ? groups <= 7 : groups == 8;
    }

    /** {@code dec-octet "." dec-octet "." dec-octet "." dec-octet}, no leading zeros. */
    private static boolean isIpv4(String s, int from, int to) {
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 4) value = value * 10 + (s.charAt(i++) - '0');
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.charAt(start) == '0')) return false;
            octets++;
            if (i == to) return octets == 4;
            if (s.charAt(i) != '.' || octets == 4) return false;
            i++;
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
