package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one thread of the background clients: one selector for every connection of every group, and one timer heap
 * for their slow bytes, slow reads and paced connects. Each turn fires what is due, then sleeps in
 * {@code select} until the next timer or socket event; nothing busy-polls, so the load generator's CPU, which the
 * measured driver shares, is used only for real work. Single-threaded, except {@link #stop} and the volatile
 * progress fields, which other threads read.
 */
final class AttackLoop implements Runnable {

    /** Largest read at once; responses are discarded, only counted. */
    static final int READ_BUFFER_BYTES = 64 * 1024;
    /** At most this many timers fire per turn, so sockets are served in between. */
    private static final int MAX_FIRES_PER_TURN = 256;
    /** An idle group counts as established once its answers stop arriving for this long. */
    private static final long ANSWER_GRACE_NANOS = 2_000_000_000L;
    /** Until established, the loop looks at least this often whether it is. */
    private static final long ESTABLISH_CHECK_NANOS = 50_000_000L;

    final InetSocketAddress address;
    final String hostHeader;
    final Selector selector;
    final TimerHeap timers = new TimerHeap();
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    final List<Group> groups = new ArrayList<>();
    private final long deadlineNanos;
    private final Consumer<SelectionKey> onKey = this::onKey;
    private final List<String> errors = new ArrayList<>();
    private long[] held;

    volatile boolean stop;
    /** The initial connections of every group are in place (or failed). */
    volatile boolean established;
    /** Connections open right now, over all groups (updated each turn). */
    volatile int openNow;
    /** Connections the server has closed so far, over all groups (updated each turn). */
    volatile long closedByServer;

    AttackLoop(List<BackgroundGroup> specs, InetSocketAddress address, String hostHeader, long deadlineNanos)
            throws IOException {
        this.address = address;
        this.hostHeader = hostHeader;
        this.deadlineNanos = deadlineNanos;
        this.selector = Selector.open();
        for (BackgroundGroup g : specs) {
            groups.add(switch (g.kindEnum()) {
                case SLOWLORIS, SLOW_BODY -> new Trickle(g, this);
                case SLOW_READER -> new SlowReader(g, this);
                case IDLE -> new Idle(g, this);
                case CHURN -> new Churn(g, this);
                case FLOOD -> new Flood(g, this);
            });
        }
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (Group g : groups) {
                g.start(now);
            }
            while (!stop) {
                now = System.nanoTime();
                if (now - deadlineNanos >= 0) {
                    break;
                }
                timers.fireDue(now, MAX_FIRES_PER_TURN);
                progress(System.nanoTime());
                long next = Math.min(timers.nextDue(), deadlineNanos);
                if (!established) {
                    next = Math.min(next, now + ESTABLISH_CHECK_NANOS); // a grace period may end with no event
                }
                long wait = next - System.nanoTime();
                if (wait <= 0) {
                    selector.selectNow(onKey);
                } else {
                    // select's timeout is whole milliseconds, and 0 would mean forever
                    selector.select(onKey, Math.max(1, (wait + 999_999) / 1_000_000));
                }
            }
        } catch (IOException | RuntimeException e) {
            noteError("background load stopped: " + e);
        } finally {
            held = new long[groups.size()];
            for (int i = 0; i < groups.size(); i++) {
                held[i] = groups.get(i).closeAll();
            }
            openNow = 0;
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private void onKey(SelectionKey k) {
        AttackConnection c = (AttackConnection) k.attachment();
        if (!k.isValid() || c.state == AttackConnection.CLOSED) {
            return;
        }
        long now = System.nanoTime();
        int ops = k.readyOps();
        if ((ops & SelectionKey.OP_CONNECT) != 0) {
            c.group.finishConnect(c, now);
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            c.group.onWritable(c, now);
        }
        if ((ops & SelectionKey.OP_READ) != 0 && c.state == AttackConnection.OPEN) {
            c.group.onReadable(c, now);
        }
    }

    private void progress(long now) {
        int open = 0;
        long closed = 0;
        for (Group g : groups) {
            open += g.openNow();
            closed += g.closedByServer;
        }
        openNow = open;
        closedByServer = closed;
        if (established) {
            return;
        }
        for (Group g : groups) {
            if (!g.initialDone()) {
                return;
            }
            if (g instanceof Idle idle && idle.unanswered > 0 && now - g.lastConnectDoneNanos < ANSWER_GRACE_NANOS) {
                return;
            }
        }
        established = true;
    }

    /** Remembers one of the first few problems, for the outcome's notes. */
    void noteError(String message) {
        if (errors.size() < 10) {
            errors.add(message);
        }
    }

    /** The first few problems; read after the thread ended. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Connections each group still held when it stopped; null while running. */
    long[] held() {
        return held;
    }
}
