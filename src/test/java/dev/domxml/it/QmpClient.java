package dev.domxml.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A minimal QMP client on a UNIX domain socket: reads the greeting, negotiates capabilities and runs
 * commands one at a time, skipping asynchronous events. Reads block; to bound them, close the
 * client (or kill QEMU) from another thread, which makes a pending read fail.
 */
final class QmpClient implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel channel;
    private final BufferedReader in;
    private long nextId = 1;

    private QmpClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /** Connects, reads the greeting and sends {@code qmp_capabilities}. */
    static QmpClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            QmpClient client = new QmpClient(channel);
            JsonNode greeting = client.readMessage();
            if (!greeting.has("QMP")) {
                throw new IOException("not a QMP greeting: " + greeting);
            }
            client.execute("qmp_capabilities");
            return client;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    JsonNode execute(String command) throws IOException {
        return execute(command, Map.of());
    }

    /** Runs a command and returns its {@code return} value; a QMP error becomes a {@link QmpException}. */
    JsonNode execute(String command, Map<String, ?> arguments) throws IOException {
        String id = "domxml-" + nextId++;
        ObjectNode message = JSON.createObjectNode();
        message.put("execute", command);
        if (!arguments.isEmpty()) {
            message.set("arguments", JSON.valueToTree(arguments));
        }
        message.put("id", id);
        ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        while (true) {
            JsonNode reply = readMessage();
            if (reply.has("event") || !id.equals(reply.path("id").asText())) {
                continue;
            }
            if (reply.has("error")) {
                throw new QmpException(command, reply.get("error").path("class").asText(),
                        reply.get("error").path("desc").asText());
            }
            return reply.path("return");
        }
    }

    private JsonNode readMessage() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new EOFException("QMP connection closed by QEMU");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static final class QmpException extends IOException {
        private static final long serialVersionUID = 1L;

        QmpException(String command, String errorClass, String description) {
            super(command + " failed: " + errorClass + ": " + description);
        }
    }
}
