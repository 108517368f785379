package dev.auscult.platform;

import dev.auscult.platform.Background;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One agent per user: the first instance listens on a Unix-domain socket in the user's state directory
 * (Windows 10+ has them too); a second launch sends its request ("show") there and exits.
 */
public final class SingleInstance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SingleInstance.class.getName());

    private final ServerSocketChannel server;
    private final Path socket;

    private SingleInstance(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    /**
     * Becomes the running instance, or hands {@code message} to the one already running and returns empty.
     */
    public static Optional<SingleInstance> claim(Path socket, String message, Consumer<String> onMessage) throws IOException {
        dev.auscult.storage.OwnerOnlyFiles.createDirectories(socket.getParent());
        if (sendTo(socket, message)) {
            return Optional.empty();
        }
        Files.deleteIfExists(socket); // a stale socket left by a crashed instance
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        SingleInstance instance = new SingleInstance(server, socket);
        Background.run("auscult-instance", () -> instance.serve(onMessage));
        return Optional.of(instance);
    }

    static boolean sendTo(Path socket, String message) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void serve(Consumer<String> onMessage) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8))) {
                String line = in.readLine();
                if (line != null && line.length() < 4096) {
                    onMessage.accept(line.strip());
                }
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "single-instance socket: {0}", e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
