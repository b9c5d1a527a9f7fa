package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    enum Color { RED }

    @Test
    void turnsPlainValuesIntoJson() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("s", "x");
        args.put("i", 3);
        args.put("d", 1.5);
        args.put("b", true);
        args.put("n", null);
        args.put("e", Color.RED);
        args.put("o", Optional.of(2L));
        args.put("l", List.of(1, "two"));
        args.put("m", Map.of("k", new BigDecimal("1.25")));
        args.put("a", new Object[] {false});
        assertEquals("{\"s\":\"x\",\"i\":3,\"d\":1.5,\"b\":true,\"n\":null,\"e\":\"RED\",\"o\":2,\"l\":[1,\"two\"],"
                + "\"m\":{\"k\":1.25},\"a\":[false]}", JsonValues.object(args).toString());
    }

    @Test
    void refusesWhatItCannotRepresent() {
        assertThrows(IllegalArgumentException.class, () -> JsonValues.of(new Object()));
    }
}
