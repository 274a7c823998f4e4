package io.p3protocol.app.support.turn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal TURN client (RFC 8656 over UDP) that does exactly what a WebRTC client does with TURN REST-API
 * credentials: an unauthenticated Allocate to learn the realm and nonce, then an Allocate signed with the
 * long-term credential mechanism (MESSAGE-INTEGRITY = HMAC-SHA1 keyed by MD5(username:realm:password), RFC 8489).
 * The answer is the server's verdict, so a test can tell "allocated" from "refused with 401".
 */
public final class TurnAllocateClient {

    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int ALLOCATE_REQUEST = 0x0003;
    private static final int ALLOCATE_SUCCESS = 0x0103;
    private static final int ALLOCATE_ERROR = 0x0113;
    private static final int ATTR_USERNAME = 0x0006;
    private static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    private static final int ATTR_ERROR_CODE = 0x0009;
    private static final int ATTR_REALM = 0x0014;
    private static final int ATTR_NONCE = 0x0015;
    private static final int ATTR_REQUESTED_TRANSPORT = 0x0019;
    private static final int ATTR_XOR_RELAYED_ADDRESS = 0x0016;
    private static final int UDP = 17;

    private final InetSocketAddress server;
    private final SecureRandom random = new SecureRandom();

    public TurnAllocateClient(InetSocketAddress server) {
        this.server = server;
    }

    /** The outcome of one authenticated Allocate: success, or the server's STUN error code and reason. */
    public record Verdict(boolean allocated, int errorCode, String reason) {
        static Verdict allocatedRelay() {
            return new Verdict(true, 0, "");
        }
    }

    public Verdict allocate(String username, String password) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(2_000);
            Map<Integer, byte[]> challenge = exchange(socket, request(Map.of()), ALLOCATE_ERROR);
            int challengeCode = errorCode(challenge.get(ATTR_ERROR_CODE));
            if (challengeCode != 401 || !challenge.containsKey(ATTR_REALM) || !challenge.containsKey(ATTR_NONCE)) {
                throw new IOException("expected a 401 challenge with realm and nonce, got error " + challengeCode);
            }
            String realm = new String(challenge.get(ATTR_REALM), StandardCharsets.UTF_8);
            Map<Integer, byte[]> attributes = new LinkedHashMap<>();
            attributes.put(ATTR_USERNAME, username.getBytes(StandardCharsets.UTF_8));
            attributes.put(ATTR_REALM, challenge.get(ATTR_REALM));
            attributes.put(ATTR_NONCE, challenge.get(ATTR_NONCE));
            byte[] signed = withMessageIntegrity(request(attributes), longTermKey(username, realm, password));
            Map<Integer, byte[]> answer = exchange(socket, signed, -1);
            if (answer.containsKey(ATTR_XOR_RELAYED_ADDRESS)) {
                return Verdict.allocatedRelay();
            }
            byte[] error = answer.get(ATTR_ERROR_CODE);
            return new Verdict(false, errorCode(error), reason(error));
        }
    }

    private byte[] request(Map<Integer, byte[]> extra) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeAttribute(body, ATTR_REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0});
        extra.forEach((type, value) -> writeAttribute(body, type, value));
        byte[] transactionId = new byte[12];
        random.nextBytes(transactionId);
        return ByteBuffer.allocate(20 + body.size())
                .putShort((short) ALLOCATE_REQUEST)
                .putShort((short) body.size())
                .putInt(MAGIC_COOKIE)
                .put(transactionId)
                .put(body.toByteArray())
                .array();
    }

    /** Appends MESSAGE-INTEGRITY computed over the message with its length already counting the new attribute. */
    private static byte[] withMessageIntegrity(byte[] message, byte[] key) {
        int newBodyLength = message.length - 20 + 24;
        byte[] covered = message.clone();
        covered[2] = (byte) (newBodyLength >> 8);
        covered[3] = (byte) newBodyLength;
        byte[] hmac = hmacSha1(key, covered);
        return ByteBuffer.allocate(covered.length + 24)
                .put(covered)
                .putShort((short) ATTR_MESSAGE_INTEGRITY)
                .putShort((short) 20)
                .put(hmac)
                .array();
    }

    private Map<Integer, byte[]> exchange(DatagramSocket socket, byte[] message, int expectedType) throws IOException {
        byte[] buffer = new byte[2048];
        for (int attempt = 0; attempt < 5; attempt++) {
            socket.send(new DatagramPacket(message, message.length, server));
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException lostOrNotYetListening) {
                continue; // UDP: retransmit, as RFC 8489 clients do
            }
            ByteBuffer in = ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
            int type = in.getShort() & 0xFFFF;
            if (type != ALLOCATE_SUCCESS && type != ALLOCATE_ERROR) {
                throw new IOException("unexpected STUN message type 0x" + Integer.toHexString(type));
            }
            if (expectedType >= 0 && type != expectedType) {
                throw new IOException("expected STUN type 0x" + Integer.toHexString(expectedType)
                        + ", got 0x" + Integer.toHexString(type));
            }
            int length = in.getShort() & 0xFFFF;
            in.position(20);
            Map<Integer, byte[]> attributes = new LinkedHashMap<>();
            while (in.position() < 20 + length) {
                int attributeType = in.getShort() & 0xFFFF;
                byte[] value = new byte[in.getShort() & 0xFFFF];
                in.get(value);
                in.position(in.position() + ((4 - value.length % 4) % 4));
                attributes.putIfAbsent(attributeType, value);
            }
            return attributes;
        }
        throw new IOException("no answer from the TURN server at " + server);
    }

    private static void writeAttribute(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type >> 8);
        out.write(type);
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
        out.writeBytes(new byte[(4 - value.length % 4) % 4]);
    }

    private static int errorCode(byte[] value) {
        return value == null ? 0 : (value[2] & 0x07) * 100 + (value[3] & 0xFF);
    }

    private static String reason(byte[] value) {
        return value == null ? "" : new String(value, 4, value.length - 4, StandardCharsets.UTF_8);
    }

    private static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
