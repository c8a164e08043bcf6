package dev.concurrencybench.pipeline.connection;

import java.io.IOException;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

/**
 * The accept stage's socket configuration, identical on every model. {@code TCP_NODELAY} is on because every
 * response is written whole in one call: Nagle would only add up to 40 ms of delayed-ACK interplay on pipelined or
 * partial writes. Buffer sizes stay at the kernel's defaults (autotuning) on purpose.
 */
public final class SocketOptions {

    /** Whether TCP_NODELAY is set on accepted sockets; Netty-based models pass it as a child option. */
    public static final boolean TCP_NODELAY = true;

    private SocketOptions() {}

    public static void configure(Socket socket) throws IOException {
        socket.setTcpNoDelay(TCP_NODELAY);
    }

    public static void configure(NetworkChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, TCP_NODELAY);
    }
}
