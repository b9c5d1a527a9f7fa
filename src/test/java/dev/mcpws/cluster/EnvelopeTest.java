package dev.mcpws.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

    @Test
    void everyKindSurvivesTheRoundTrip() {
        for (ClusterEvent e : new ClusterEvent[] {ClusterEvent.TOOLS_CHANGED, ClusterEvent.RESOURCES_CHANGED,
                ClusterEvent.resourceUpdated("file:///a b/\u00e9?x=\"1\""), ClusterEvent.taskStatus("Zx-9_task")}) {
            Envelope sent = new Envelope("node1", "mcp/1.0", "abcd", e);
            assertEquals(sent, Envelope.decode(sent.encode()));
        }
    }

    @Test
    void theWireFormIsStable() {
        // other nodes may run another build of the same version: the names on the wire do not change
        assertEquals("{\"v\":1,\"node\":\"n\",\"server\":\"s/1\",\"key\":\"k\",\"kind\":\"resources/updated\",\"uri\":\"u:1\"}",
                new Envelope("n", "s/1", "k", ClusterEvent.resourceUpdated("u:1")).encode());
        assertEquals("{\"v\":1,\"node\":\"n\",\"server\":\"s/1\",\"key\":\"k\",\"kind\":\"tasks/status\",\"taskId\":\"t1\"}",
                new Envelope("n", "s/1", "k", ClusterEvent.taskStatus("t1")).encode());
        assertEquals("t1", Envelope.decode(new Envelope("n", "s/1", "k", ClusterEvent.taskStatus("t1")).encode())
                .event().taskId());
        assertEquals(ClusterEvent.TOOLS_CHANGED, Envelope.decode(
                "{\"v\":1,\"node\":\"n\",\"server\":\"s/1\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}").event());
        assertEquals(ClusterEvent.RESOURCES_CHANGED, Envelope.decode(
                "{\"v\":1,\"node\":\"n\",\"server\":\"s/1\",\"key\":\"k\",\"kind\":\"resources/list_changed\"}").event());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not json", "[]", "\"text\"", "{}", "{\"v\":1",
        "{\"v\":2,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":1.5,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":\"1\",\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":1,\"server\":\"s\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":1,\"node\":\"\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":1,\"node\":7,\"server\":\"s\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":1,\"node\":\"n\",\"key\":\"k\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"kind\":\"tools/list_changed\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"prompts/sing\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"resources/updated\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"resources/updated\",\"uri\":\"\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"resources/updated\",\"uri\":3}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tools/list_changed\",\"uri\":\"u:1\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tasks/status\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tasks/status\",\"taskId\":\"\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"tasks/status\",\"uri\":\"u:1\"}",
        "{\"v\":1,\"node\":\"n\",\"server\":\"s\",\"key\":\"k\",\"kind\":\"resources/updated\",\"uri\":\"u:1\",\"taskId\":\"t\"}"})
    void whatIsNotAnEnvelopeIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(text));
    }

    @Test
    void aHugeMessageIsRefusedUnread() {
        String uri = "u:" + "x".repeat(Envelope.MAX_CHARS);
        String text = new Envelope("n", "s", "k", ClusterEvent.resourceUpdated(uri)).encode();
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(text));
        String justFits = new Envelope("n", "s", "k", ClusterEvent.resourceUpdated("u:" + "x".repeat(Envelope.MAX_CHARS - 100))).encode();
        assertEquals(Envelope.MAX_CHARS - 100 + 2, Envelope.decode(justFits).event().uri().length());
    }

    @Test
    void eventsAreWellFormed() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterEvent(ClusterEvent.Kind.RESOURCE_UPDATED, null));
        assertThrows(IllegalArgumentException.class, () -> new ClusterEvent(ClusterEvent.Kind.TOOLS_LIST_CHANGED, "u:1"));
        assertThrows(IllegalArgumentException.class, () -> new ClusterEvent(ClusterEvent.Kind.TASK_STATUS, null));
        assertEquals(null, ClusterEvent.taskStatus("t").uri());
        assertEquals(null, ClusterEvent.resourceUpdated("u:1").taskId());
    }
}
