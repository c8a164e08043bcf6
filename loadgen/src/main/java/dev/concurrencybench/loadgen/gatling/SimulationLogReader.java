package dev.concurrencybench.loadgen.gatling;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Gatling's binary {@code simulation.log} (the format since Gatling 3.13, as written by
 * {@code LogFileDataWriter} of the pinned version {@value #FORMAT_VERSION}). Written independently from the
 * format's description, not copied.
 *
 * <p>The format: big-endian records, each a one-byte header. 0 = run (Gatling version, simulation class, run start
 * as epoch ms (long), description, scenario names, serialized assertions), 1 = request (group names, name,
 * start and end as int ms offsets from the run start, OK flag, message), 2 = user (scenario index, start flag,
 * int ms offset), 3 = group, 4 = error (message, int ms offset). Strings are an int length, the bytes of the
 * JDK's compact string and its coder byte (0 Latin-1, 1 UTF-16 in the writer's native order); an empty string
 * is a bare 0 length. Names and messages are "cached strings": an int index, positive with the string on first
 * use, negated on later uses.
 *
 * <p>Like Gatling's own reader, this one refuses a log of any other version (the format is not versioned
 * otherwise). Unlike Gatling's, it refuses a truncated log instead of reporting part of a run. Not thread-safe;
 * one instance per file.
 */
public final class SimulationLogReader implements AutoCloseable {

    /** The Gatling version whose log format this reader implements (the version pinned in the parent pom). */
    public static final String FORMAT_VERSION = "3.14.9";

    /**
     * The run record.
     *
     * @param gatlingVersion      version that wrote the log
     * @param simulationClass     fully qualified simulation class
     * @param runStartEpochMillis the origin of every offset in the file, epoch ms
     * @param description         the run description ({@code -rd})
     * @param scenarios           scenario names, by index
     * @param assertions          number of assertions the simulation declared
     */
    public record Header(String gatlingVersion, String simulationClass, long runStartEpochMillis,
                         String description, List<String> scenarios, int assertions) {
    }

    /**
     * One request as Gatling logged it.
     *
     * @param name             the request name (the suite's request class)
     * @param startEpochMillis when Gatling sent it (not when it was scheduled), epoch ms
     * @param endEpochMillis   when the response was complete, epoch ms
     * @param ok               Gatling's OK (every check passed) or KO
     * @param message          the KO message, empty when OK
     */
    public record Request(String name, long startEpochMillis, long endEpochMillis, boolean ok, String message) {
        /** Response time in whole milliseconds, Gatling's resolution. */
        public long millis() {
            return endEpochMillis - startEpochMillis;
        }
    }

    /** Receives the records of a log in file order. */
    public interface Listener {
        /** A virtual user started ({@code start}) or ended, at epoch ms. */
        default void user(String scenario, boolean start, long epochMillis) {
        }

        /** A request ended. */
        default void request(Request r) {
        }

        /** Gatling recorded an error that is not a request (e.g. a crashed action). */
        default void error(String message, long epochMillis) {
        }
    }

    private static final Charset UTF16_NATIVE =
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;

    private final Path file;
    private final DataInputStream in;
    private final Map<Integer, String> cache = new HashMap<>();

    private SimulationLogReader(Path file) throws IOException {
        this.file = file;
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /**
     * Reads a whole log.
     *
     * @throws SimulationLogException when the file is not a log of {@value #FORMAT_VERSION}, is malformed or is
     *                                truncated (one-line message naming the file)
     */
    public static Header read(Path file, Listener listener) throws IOException {
        try (SimulationLogReader r = new SimulationLogReader(file)) {
            return r.readAll(listener);
        }
    }

    private Header readAll(Listener listener) throws IOException {
        int first = in.read();
        if (first != 0) {
            throw new SimulationLogException(file + " is not a Gatling simulation.log (no run record at its start)");
        }
        Header h;
        try {
            h = readRun();
        } catch (EOFException e) {
            throw new SimulationLogException(file + " ends inside its run record");
        }
        long origin = h.runStartEpochMillis();
        long records = 1;
        for (int header; (header = in.read()) != -1; records++) {
            try {
                switch (header) {
                    case 1 -> {
                        skipGroups();
                        String name = cachedString();
                        long start = origin + in.readInt();
                        long end = origin + in.readInt();
                        boolean ok = in.readBoolean();
                        listener.request(new Request(name, start, end, ok, cachedString()));
                    }
                    case 2 -> {
                        int scenario = in.readInt();
                        boolean start = in.readBoolean();
                        long at = origin + in.readInt();
                        String name = scenario >= 0 && scenario < h.scenarios().size() ? h.scenarios().get(scenario) : "?";
                        listener.user(name, start, at);
                    }
                    case 3 -> {
                        skipGroups();
                        in.readInt(); // start
                        in.readInt(); // end
                        in.readInt(); // cumulated response time
                        in.readBoolean();
                    }
                    case 4 -> {
                        String message = cachedString();
                        listener.error(message, origin + in.readInt());
                    }
                    default -> throw new SimulationLogException(file + ": unknown record type " + header
                            + " at record " + records + " (not a Gatling " + FORMAT_VERSION + " log?)");
                }
            } catch (EOFException e) {
                throw new SimulationLogException(file + " is truncated after record " + records
                        + " (Gatling did not finish writing it)");
            }
        }
        return h;
    }

    private Header readRun() throws IOException {
        String version = string();
        if (!FORMAT_VERSION.equals(version)) {
            throw new SimulationLogException(file + " was written by Gatling " + version + "; this reader reads the "
                    + FORMAT_VERSION + " format only");
        }
        String simulation = string();
        long start = in.readLong();
        String description = string();
        int n = in.readInt();
        List<String> scenarios = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            scenarios.add(string());
        }
        int assertions = in.readInt();
        for (int i = 0; i < assertions; i++) {
            in.skipNBytes(in.readInt()); // boopickle-serialized assertion, not needed here
        }
        return new Header(version, simulation, start, description, List.copyOf(scenarios), assertions);
    }

    private void skipGroups() throws IOException {
        int groups = in.readInt();
        for (int i = 0; i < groups; i++) {
            cachedString();
        }
    }

    private String string() throws IOException {
        int length = in.readInt();
        if (length == 0) {
            return "";
        }
        if (length < 0) {
            throw new SimulationLogException(file + ": negative string length " + length);
        }
        byte[] value = in.readNBytes(length);
        if (value.length < length) {
            throw new EOFException();
        }
        int coder = in.readUnsignedByte();
        return switch (coder) {
            case 0 -> new String(value, StandardCharsets.ISO_8859_1);
            case 1 -> new String(value, UTF16_NATIVE);
            default -> throw new SimulationLogException(file + ": unknown string coder " + coder);
        };
    }

    private String cachedString() throws IOException {
        int index = in.readInt();
        if (index >= 0) {
            String s = string();
            cache.put(index, s);
            return s;
        }
        String s = cache.get(-index);
        if (s == null) {
            throw new SimulationLogException(file + ": reference to unknown cached string " + (-index));
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
