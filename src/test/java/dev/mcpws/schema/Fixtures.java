package dev.mcpws.schema;

import dev.mcpws.api.Description;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;

/** Types and helpers shared by the tests of this package. */
final class Fixtures {

    private Fixtures() {
    }

    /** Parses JSON written with single quotes instead of double quotes (no apostrophes in the texts). */
    static JsonValue json(String text) {
        return Json.PROVIDER.createReader(new StringReader(text.replace('\'', '"'))).readValue();
    }

    static JsonObject obj(String text) {
        return (JsonObject) json(text);
    }

    /** The generic type of the field named {@code name} in {@link Generic}. */
    static Type generic(String name) {
        try {
            return Generic.class.getDeclaredField(name).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** Holder of generic field types: {@code generic("stringList")} is {@code List<String>}. */
    @SuppressWarnings("unused")
    static final class Generic {
        List<String> stringList;
        List<Integer> integerList;
        Set<String> stringSet;
        SortedSet<Integer> sortedInts;
        Iterable<String> iterable;
        java.util.Collection<Color> colorCollection;
        Map<String, Integer> stringToInt;
        Map<Color, String> colorToString;
        Map<String, List<Point>> stringToPoints;
        Optional<String> optionalString;
        Optional<Point> optionalPoint;
        List<Node> nodes;
        Optional<Node> optionalNode;
        Pair<String, Integer> stringIntPair;
        Pair<Point, List<Color>> pointColorsPair;
        Box<String> stringBox;
        Tree<String> stringTree;
        List<String>[] listArray;
        List<? extends Number> wildcardNumbers;
        List<? super Integer> superIntegers;
        List<?> unknownList;
        Map<Integer, String> intKeys;
        java.util.LinkedList<String> linkedList;
        Map<String, Node> nodeMap;
    }

    enum Color {
        RED,
        GREEN,
        @JsonbProperty("dark-blue")
        BLUE
    }

    @Description("Traffic light state")
    enum Light { ON, OFF }

    record Point(int x, int y) {
    }

    @Description("A labelled point")
    record Labelled(@Description("The label") String label, Point point, Optional<String> note) {
    }

    record Node(String name, List<Node> children) {
    }

    /** A recursive type used below the document root. */
    record Forest(String owner, List<Node> trees) {
    }

    record A(String name, Optional<B> b) {
    }

    record B(int n, Optional<A> a) {
    }

    record Renamed(@JsonbProperty("first-name") String firstName, @JsonbTransient String secret, int age) {
    }

    record Pair<L, R>(L left, R right) {
    }

    record Box<T>(T value, List<T> values) {
    }

    record Tree<T>(T value, List<Tree<T>> kids) {
    }

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive");
            }
        }
    }

    record Empty() {
    }

    record Optionals(Optional<String> text, OptionalInt count, OptionalLong big, OptionalDouble ratio) {
    }

    record Numbers(byte b, short s, int i, long l, float f, double d, BigInteger bi, BigDecimal bd, Byte boxedByte,
            Short boxedShort, Integer boxedInt, Long boxedLong, Float boxedFloat, Double boxedDouble) {
    }

    record Texts(String text, char c, Character boxedChar, UUID id, URI uri, LocalDate date, LocalDateTime local,
            OffsetDateTime offset, Instant instant, ZonedDateTime zoned, Duration duration, boolean flag,
            Boolean boxedFlag) {
    }

    record Collections(List<String> list, Set<Color> colors, SortedSet<Integer> sorted, int[] ints,
            String[] strings, Map<String, Point> points, Map<Color, Integer> counts) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Collections c && list.equals(c.list) && colors.equals(c.colors)
                    && sorted.equals(c.sorted) && java.util.Arrays.equals(ints, c.ints)
                    && java.util.Arrays.equals(strings, c.strings) && points.equals(c.points)
                    && counts.equals(c.counts);
        }

        @Override
        public int hashCode() {
            return Objects.hash(list, colors, sorted, points, counts);
        }
    }

    record JsonValues(JsonValue any, JsonObject object, jakarta.json.JsonArray array, jakarta.json.JsonString string,
            jakarta.json.JsonNumber number) {
    }

    record Anything(Object value) {
    }

    record Unsupported(String name, Runnable task) {
    }

    /** A POJO: private fields with accessors, a public field, a read-only and a transient property. */
    @Description("A person")
    public static class Person {
        private String name;
        private int age;
        private List<String> tags;
        private String password;
        private Optional<String> nickname = Optional.empty();
        public boolean active;
        public static int ignoredStatic;
        public final String ignoredFinal = "x";
        public transient String ignoredTransient;

        public Person() {
        }

        Person(String name, int age, List<String> tags, boolean active) {
            this.name = name;
            this.age = age;
            this.tags = tags;
            this.active = active;
        }

        @Description("Full name")
        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        @JsonbProperty("labels")
        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        @JsonbTransient
        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Optional<String> getNickname() {
            return nickname;
        }

        public void setNickname(Optional<String> nickname) {
            this.nickname = nickname;
        }

        /** Read-only: not a property. */
        public String getDisplay() {
            return name + " (" + age + ")";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Person p && Objects.equals(name, p.name) && age == p.age
                    && Objects.equals(tags, p.tags) && active == p.active && Objects.equals(nickname, p.nickname);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, age, tags, active, nickname);
        }

        @Override
        public String toString() {
            return "Person[" + name + ", " + age + ", " + tags + ", " + active + ", " + nickname + "]";
        }
    }

    /** A generic base class whose property type is bound by a subclass. */
    public static class Holder<T> {
        private T content;

        public T getContent() {
            return content;
        }

        public void setContent(T content) {
            this.content = content;
        }
    }

    public static class PointHolder extends Holder<Point> {
        public String label;

        @Override
        public boolean equals(Object o) {
            return o instanceof PointHolder h && Objects.equals(getContent(), h.getContent())
                    && Objects.equals(label, h.label);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getContent(), label);
        }
    }

    /** A recursive POJO. */
    public static class Category {
        public String title;
        public List<Category> subcategories;

        @Override
        public boolean equals(Object o) {
            return o instanceof Category c && Objects.equals(title, c.title)
                    && Objects.equals(subcategories, c.subcategories);
        }

        @Override
        public int hashCode() {
            return Objects.hash(title, subcategories);
        }
    }

    /** No no-arg constructor: not a POJO. */
    public static class NoDefaultConstructor {
        public String value;

        public NoDefaultConstructor(String value) {
            this.value = value;
        }
    }

    /** A non-static inner class cannot be instantiated without an outer instance. */
    public class Inner {
        public String value;
    }

    public abstract static class AbstractThing {
        public String value;
    }

    /** Grows without end: Weird<T> contains Weird<List<T>>. */
    record Weird<T>(T value, Optional<Weird<List<T>>> next) {
    }

    public static class DuplicateNames {
        @JsonbProperty("same")
        public String first;
        @JsonbProperty("same")
        public String second;
    }
}
