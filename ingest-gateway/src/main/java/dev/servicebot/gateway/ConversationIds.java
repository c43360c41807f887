package dev.servicebot.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Conversation ids that name their customer: {@code conv-<nonce>.<tag>}, where the tag is an HMAC of
 * the customer id and the nonce. Any gateway sharing the key can tell, with no lookup and so with no
 * race, whether an id was made for a customer; nobody without the key can make one for anybody.
 */
public final class ConversationIds {
    private static final String PREFIX = "conv-";
    private static final int NONCE_BYTES = 16;
    private static final int TAG_BYTES = 16; // 128 bits: guessing a tag is out of reach, and ids stay short
    private static final int NONCE_CHARS = 22; // unpadded base64url of 16 bytes
    private static final int TAG_CHARS = 22;
    private static final int LENGTH = PREFIX.length() + NONCE_CHARS + 1 + TAG_CHARS;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private ConversationIds(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * Keyed from the gateways' shared internal secret (every gateway of a deployment has it), under a
     * label of its own so the key is never the secret itself. Changing the secret leaves stored
     * conversations reachable through their history (see {@link ConversationOwnership}).
     */
    public static ConversationIds keyedFrom(String sharedSecret) {
        return new ConversationIds(hmac(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "servicebot conversation ids v1"));
    }

    /** A new conversation for this customer. */
    public String mint(String customerId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String encodedNonce = BASE64.encodeToString(nonce);
        return PREFIX + encodedNonce + '.' + tag(customerId, encodedNonce);
    }

    /** Whether this id was minted for this customer (constant-time in the tag). */
    public boolean mintedFor(String conversationId, String customerId) {
        if (conversationId == null || conversationId.length() != LENGTH || !conversationId.startsWith(PREFIX)
                || conversationId.charAt(PREFIX.length() + NONCE_CHARS) != '.') {
            return false;
        }
        String nonce = conversationId.substring(PREFIX.length(), PREFIX.length() + NONCE_CHARS);
        byte[] expected = tag(customerId, nonce).getBytes(StandardCharsets.US_ASCII);
        byte[] given = conversationId.substring(PREFIX.length() + NONCE_CHARS + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private String tag(String customerId, String nonce) {
        // The separator cannot occur in a customer id, so (customer, nonce) pairs never collide.
        return BASE64.encodeToString(Arrays.copyOf(hmac(key, customerId + '\n' + nonce), TAG_BYTES));
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // a Mac is not thread-safe; a new one costs a microsecond
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
