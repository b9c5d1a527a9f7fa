package dev.mcpws.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Lone UTF-16 surrogates (legal in JSON as escapes, e.g. {@code "\}{@code ud800"}) survive encoding: the text the
 * codec writes has a UTF-8 form, so the socket or the servlet does not turn them into {@code ?}.
 */
class LoneSurrogateTest {

    private static String utf8RoundTrip(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Test
    void aLoneSurrogateInAnIdAndInAStringComesBackExactly() {
        String odd = "a\udc00b\ud800";
        String pair = "\ud83d\ude00";
        JsonRpcResult result = new JsonRpcResult(RequestId.of("\ud800"),
                Json.createObjectBuilder().add("text", odd).add("emoji", pair).add(odd, "key").build());
        String text = JsonRpcCodec.encode(result);
        assertEquals(text, utf8RoundTrip(text), "the encoded text has a UTF-8 form: " + text);
        assertTrue(text.contains("\"id\":\"\\ud800\""), text);
        assertTrue(text.contains("\"a\\udc00b\\ud800\""), text);
        assertTrue(text.contains(pair), "a valid pair is written as it is: " + text);
        JsonRpcResult back = (JsonRpcResult) JsonRpcCodec.decode(utf8RoundTrip(text));
        assertEquals(result, back);
    }

    @Test
    void pairsSplitAcrossWritesAndSurrogatesAtTheEndAreHandled() throws Exception {
        String in = "x\ud83d\ude00y\ud800\ud800\udc00\udc00z\ud83d";
        StringWriter out = new StringWriter();
        try (LoneSurrogateEscaper w = new LoneSurrogateEscaper(out)) {
            for (char c : in.toCharArray()) {
                w.write(c);
            }
        }
        assertEquals("x\ud83d\ude00y\\ud800\ud800\udc00\\udc00z\\ud83d", out.toString());
        StringWriter whole = new StringWriter();
        try (LoneSurrogateEscaper w = new LoneSurrogateEscaper(whole)) {
            w.write(in);
        }
        assertEquals(out.toString(), whole.toString());
    }
}
