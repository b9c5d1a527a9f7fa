package dev.mcpws.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The running size of a fragmented message: refused as soon as it passes the limit, whole messages otherwise. */
class MessageAssemblerTest {

    @Test
    void partsMakeOneMessageAndTheNextStartsAfresh() {
        MessageAssembler a = new MessageAssembler(10);
        assertNull(a.add("{\"a\"", false));
        assertNull(a.add(":", false));
        assertEquals("{\"a\":1}", a.add("1}", true));
        assertEquals(7, a.lastBytes());
        assertEquals("0123456789", a.add("0123456789", true));
        assertFalse(a.overLimit());
    }

    @Test
    void theLimitIsInUtf8Bytes() {
        MessageAssembler a = new MessageAssembler(4);
        assertEquals("\u00e9\u00e9", a.add("\u00e9\u00e9", true));
        assertNull(a.add("\u00e9\u00e9a", true));
        assertTrue(a.overLimit());
    }

    @Test
    void aMessageIsRefusedWhenItsRunningTotalPassesTheLimitBeforeItsLastPart() {
        MessageAssembler a = new MessageAssembler(10);
        assertNull(a.add("012345", false));
        assertFalse(a.overLimit());
        assertNull(a.add("67890", false));
        assertTrue(a.overLimit(), "over the limit with more parts to come");
    }
}
