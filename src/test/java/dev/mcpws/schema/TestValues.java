package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.generic;

import dev.mcpws.schema.Fixtures.A;
import dev.mcpws.schema.Fixtures.Anything;
import dev.mcpws.schema.Fixtures.B;
import dev.mcpws.schema.Fixtures.Category;
import dev.mcpws.schema.Fixtures.Collections;
import dev.mcpws.schema.Fixtures.Color;
import dev.mcpws.schema.Fixtures.Empty;
import dev.mcpws.schema.Fixtures.Forest;
import dev.mcpws.schema.Fixtures.Labelled;
import dev.mcpws.schema.Fixtures.Node;
import dev.mcpws.schema.Fixtures.Numbers;
import dev.mcpws.schema.Fixtures.Optionals;
import dev.mcpws.schema.Fixtures.Pair;
import dev.mcpws.schema.Fixtures.Person;
import dev.mcpws.schema.Fixtures.Point;
import dev.mcpws.schema.Fixtures.PointHolder;
import dev.mcpws.schema.Fixtures.Renamed;
import dev.mcpws.schema.Fixtures.Texts;
import dev.mcpws.schema.Fixtures.Tree;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Sample (type, value) pairs used by the round-trip and schema-validation tests. */
final class TestValues {

    record Sample(String name, Type type, Object value) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TestValues() {
    }

    static List<Sample> samples() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("point", Point.class, new Point(1, -2)));
        s.add(new Sample("labelled without note", Labelled.class, new Labelled("l", new Point(0, 0), Optional.empty())));
        s.add(new Sample("labelled with note", Labelled.class, new Labelled("l", new Point(3, 4), Optional.of("n"))));
        s.add(new Sample("numbers min", Numbers.class, new Numbers(Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE,
                Long.MIN_VALUE, -0.1f, -1e300, new BigInteger("-123456789012345678901234567890"),
                new BigDecimal("-1.50"), (byte) 1, (short) 2, 3, 4L, 5.5f, 6.25)));
        s.add(new Sample("numbers max", Numbers.class, new Numbers(Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, BigInteger.ZERO, new BigDecimal("1E+5"),
                (byte) 0, (short) 0, 0, 0L, Float.MIN_VALUE, Double.MIN_VALUE)));
        s.add(new Sample("texts", Texts.class, new Texts("text \"quoted\" \u00e9", 'c', '\u00e9',
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), URI.create("https://example.com/x?y=1#z"),
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 31, 10, 15),
                OffsetDateTime.of(2024, 1, 31, 10, 15, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                Instant.parse("2024-01-31T10:15:30.123456789Z"),
                ZonedDateTime.of(2024, 1, 31, 10, 15, 30, 0, ZoneOffset.ofHours(-3)), Duration.ofHours(26),
                true, false)));
        s.add(new Sample("collections", Collections.class, new Collections(List.of("b", "a", "b"),
                new LinkedHashSet<>(List.of(Color.GREEN, Color.BLUE)), new TreeSet<>(List.of(3, 1, 2)),
                new int[] {1, 2, 3}, new String[] {"x"}, new LinkedHashMap<>(Map.of("p", new Point(1, 1))),
                new LinkedHashMap<>(Map.of(Color.BLUE, 2)))));
        s.add(new Sample("empty collections", Collections.class, new Collections(List.of(), Set.of(), new TreeSet<>(),
                new int[0], new String[0], Map.of(), Map.of())));
        s.add(new Sample("optionals present", Optionals.class, new Optionals(Optional.of("t"), OptionalInt.of(1),
                OptionalLong.of(Long.MAX_VALUE), OptionalDouble.of(0.5))));
        s.add(new Sample("optionals empty", Optionals.class, new Optionals(Optional.empty(), OptionalInt.empty(),
                OptionalLong.empty(), OptionalDouble.empty())));
        s.add(new Sample("renamed", Renamed.class, new Renamed("Ada", null, 36)));
        s.add(new Sample("empty record", Empty.class, new Empty()));
        s.add(new Sample("node", Node.class, new Node("r", List.of(new Node("a", List.of(new Node("b", List.of())))))));
        s.add(new Sample("forest", Forest.class, new Forest("o", List.of(new Node("r", List.of(new Node("a",
                List.of())))))));
        s.add(new Sample("mutual", A.class, new A("x", Optional.of(new B(1, Optional.of(new A("y",
                Optional.empty())))))));
        s.add(new Sample("generic pair", generic("pointColorsPair"), new Pair<>(new Point(1, 2), List.of(Color.RED))));
        s.add(new Sample("generic tree", generic("stringTree"), new Tree<>("a", List.of(new Tree<>("b", List.of())))));
        s.add(new Sample("person", Person.class, new Person("Ada", 36, List.of("x", "y"), true)));
        Person nick = new Person(null, 0, null, false);
        nick.setNickname(Optional.of("n"));
        s.add(new Sample("person with nulls", Person.class, nick));
        PointHolder holder = new PointHolder();
        holder.setContent(new Point(5, 6));
        holder.label = "h";
        s.add(new Sample("generic pojo", PointHolder.class, holder));
        Category c = new Category();
        c.title = "t";
        c.subcategories = List.of(new Category());
        s.add(new Sample("recursive pojo", Category.class, c));
        s.add(new Sample("enum", Color.class, Color.BLUE));
        s.add(new Sample("list of nodes", generic("nodes"), List.of(new Node("a", List.of(new Node("b", List.of()))))));
        s.add(new Sample("map of nodes", generic("nodeMap"), Map.of("k", new Node("a", List.of()))));
        s.add(new Sample("optional node", generic("optionalNode"), Optional.of(new Node("a", List.of()))));
        s.add(new Sample("string set", generic("stringSet"), new LinkedHashSet<>(List.of("q", "p"))));
        s.add(new Sample("anything", Anything.class, new Anything(new LinkedHashMap<>(Map.of("k",
                List.of("a", 1L, true, new BigDecimal("2.5")))))));
        s.add(new Sample("int", int.class, 7));
        s.add(new Sample("string", String.class, "s"));
        return s;
    }
}
