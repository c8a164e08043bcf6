package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.Interval;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Summary;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The files of one server×scenario measurement in its directory: {@code latency.hlog} is written interval by
 * interval while the driver runs (so a crash leaves the intervals so far), {@code latency.hgrm},
 * {@code uncorrected.hgrm} and {@code summary.json} at the end. Intervals arrive on the driver's own thread between
 * two sends, so writing one must be quick and allocate nothing: the interval lines are HdrHistogram's log format,
 * written here with the fastest zlib level and reused buffers (HdrHistogram's own writer compresses at the best
 * level, allocates a few hundred kB per line and finds its Base64 codec by reflection: several times slower). Any
 * HdrHistogram log reader reads them. Not for concurrent use.
 */
public final class MeasurementFiles implements Interval.Listener, AutoCloseable {

    private final Path dir;
    private final PrintStream hlogOut;
    private final HistogramLogWriter hlog;
    private final Interval.Listener next;
    private final long baseTimeMillis;
    /** HdrHistogram's cookie of its V2 compressed encoding. */
    private static final int COMPRESSED_COOKIE = 0x1c849314;
    private final AsciiLine line = new AsciiLine();
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private ByteBuffer plain = ByteBuffer.allocate(256 * 1024);
    private byte[] packed = new byte[64 * 1024];

    /**
     * @param dir  the server×scenario directory (created)
     * @param next another listener to call after writing each interval (the live line), or null
     */
    public MeasurementFiles(Path dir, Interval.Listener next) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.next = next;
        hlogOut = new PrintStream(new FileOutputStream(dir.resolve("latency.hlog").toFile()), false, "UTF-8");
        hlog = new HistogramLogWriter(hlogOut);
        long now = System.currentTimeMillis();
        hlog.outputComment("concurrency-bench precise driver; values in microseconds; tags corrected "
                + "(from intended send), uncorrected (from actual send), lag (generator), corrected.<class>");
        hlog.outputLogFormatVersion();
        hlog.outputStartTime(now);
        hlog.setBaseTime(now);
        hlog.outputBaseTime(now);
        hlog.outputLegend();
        baseTimeMillis = now;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void onInterval(Interval interval) {
        writeInterval(interval.corrected());
        writeInterval(interval.uncorrected());
        writeInterval(interval.lag());
        interval.correctedByClass().values().forEach(this::writeInterval);
        hlogOut.flush();
        if (next != null) {
            next.onInterval(interval);
        }
    }

    /**
     * One interval line, as {@link HistogramLogWriter#outputIntervalHistogram(org.HdrHistogram.EncodableHistogram)}
     * writes it: {@code Tag=<tag>,<start s>,<length s>,<max / 1e6>,<base64 of the compressed histogram>}, where the
     * compressed histogram is HdrHistogram's V2 compressed encoding (cookie, length, zlib stream of the plain
     * encoding). All buffers, the compressor included, are reused: writing an interval allocates nothing.
     */
    private void writeInterval(Histogram h) {
        int needed = h.getNeededByteBufferCapacity();
        if (plain.capacity() < needed) {
            plain = ByteBuffer.allocate(needed);
        }
        plain.clear();
        int n = h.encodeIntoByteBuffer(plain);
        deflater.reset();
        deflater.setInput(plain.array(), 0, n);
        deflater.finish();
        int z = 0;
        for (;;) {
            z += deflater.deflate(packed, 8 + z, packed.length - 8 - z);
            if (deflater.finished()) {
                break;
            }
            packed = Arrays.copyOf(packed, packed.length * 2);
        }
        putInt(packed, 0, COMPRESSED_COOKIE);
        putInt(packed, 4, z);
        line.clear();
        if (h.getTag() != null) {
            line.ascii("Tag=").ascii(h.getTag()).put(',');
        }
        line.thousandths(h.getStartTimeStamp() - baseTimeMillis).put(',');
        line.thousandths(h.getEndTimeStamp() - h.getStartTimeStamp()).put(',');
        line.thousandths(Math.round(h.getMaxValueAsDouble() / 1000.0)).put(','); // max / 1e6, the writer's default
        line.base64(packed, z + 8).put('\n');
        hlogOut.write(line.bytes, 0, line.length);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** A reusable line of ASCII bytes. */
    private static final class AsciiLine {
        private static final byte[] BASE64 =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[8 * 1024];
        int length;

        void clear() {
            length = 0;
        }

        private void room(int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
        }

        AsciiLine put(char c) {
            room(1);
            bytes[length++] = (byte) c;
            return this;
        }

        AsciiLine ascii(String s) {
            room(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
            return this;
        }

        private AsciiLine digits(long v) {
            if (v >= 10) {
                digits(v / 10);
            }
            return put((char) ('0' + v % 10));
        }

        /** {@code v / 1000} with three decimals, as {@code %.3f}. */
        AsciiLine thousandths(long v) {
            if (v < 0) {
                put('-');
                v = -v;
            }
            digits(v / 1000).put('.');
            long frac = v % 1000;
            return put((char) ('0' + frac / 100)).put((char) ('0' + frac / 10 % 10)).put((char) ('0' + frac % 10));
        }

        /** Standard Base64 (with padding) of {@code src[0, n)}. */
        AsciiLine base64(byte[] src, int n) {
            room(4 * ((n + 2) / 3));
            int i = 0;
            for (; i + 2 < n; i += 3) {
                int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
                bytes[length++] = BASE64[v >>> 18];
                bytes[length++] = BASE64[v >>> 12 & 63];
                bytes[length++] = BASE64[v >>> 6 & 63];
                bytes[length++] = BASE64[v & 63];
            }
            if (i < n) {
                int v = (src[i] & 0xff) << 16 | (i + 1 < n ? (src[i + 1] & 0xff) << 8 : 0);
                bytes[length++] = BASE64[v >>> 18];
                bytes[length++] = BASE64[v >>> 12 & 63];
                bytes[length++] = i + 1 < n ? BASE64[v >>> 6 & 63] : (byte) '=';
                bytes[length++] = '=';
            }
            return this;
        }
    }

    /** Writes the percentile spectra and {@code summary.json}. */
    public void finish(DriverResult result, Summary summary) throws IOException {
        writeHgrm(dir.resolve("latency.hgrm"), result.corrected());
        writeHgrm(dir.resolve("uncorrected.hgrm"), result.uncorrected());
        Json.write(dir.resolve("summary.json"), summary);
    }

    private static void writeHgrm(Path file, Histogram h) throws IOException {
        try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile()), false, "UTF-8")) {
            // values are recorded in µs; 1.0 keeps them in µs in the spectrum
            h.outputPercentileDistribution(out, 5, 1.0);
        }
    }

    @Override
    public void close() {
        hlogOut.close();
        deflater.end();
    }
}
