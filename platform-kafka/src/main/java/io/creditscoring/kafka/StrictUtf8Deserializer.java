package io.creditscoring.kafka;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads keys or values as UTF-8 text and refuses bytes that are not valid UTF-8 with a
 * {@link SerializationException} saying where, instead of replacing them with U+FFFD as Kafka's
 * {@code StringDeserializer} does (which would store altered text as if it had been sent). Named as the delegate of
 * Spring's {@code ErrorHandlingDeserializer}, a refused record reaches the listener with a null key or value and
 * the original bytes in a header, to be dead-lettered as it came.
 *
 * <p>Valid text costs one ordinary decoding plus a scan for U+FFFD; only text that holds U+FFFD (sent as such, or
 * put there by the decoder) is decoded again strictly.
 */
public class StrictUtf8Deserializer implements Deserializer<String> {

    @Override
    public String deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            checkStrictly(topic, data);
        }
        return text;
    }

    private static void checkStrictly(String topic, byte[] data) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length);
        // at the end of input, a cut-off sequence is reported as malformed too
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new SerializationException("not valid UTF-8: " + result.length() + " malformed byte(s) at byte "
                    + in.position() + " of " + data.length + " (topic " + topic + ")");
        }
    }
}
