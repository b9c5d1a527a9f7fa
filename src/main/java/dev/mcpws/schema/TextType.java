package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Value types written as strings and bound by parsing: {@link UUID} ({@code uuid}), {@link URI} ({@code uri}, must
 * be absolute), {@link LocalDate} ({@code date}), {@link OffsetDateTime} / {@link Instant} / {@link ZonedDateTime}
 * ({@code date-time}, RFC 3339 with an offset; a {@code ZonedDateTime} is written with its offset, so its region id,
 * if any, is not kept), {@link OffsetTime} ({@code time}), {@link Duration} / {@link Period} ({@code duration}),
 * and {@link LocalDateTime} / {@link LocalTime} (plain strings: there is no JSON Schema format without an offset).
 */
final class TextType extends BaseType {

    /** A parser that may throw anything (DateTimeParseException, IllegalArgumentException, ...). */
    interface Parser {
        Object parse(String s) throws Exception;
    }

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter()
            .withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).toFormatter()
            .withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_TIME).toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private static final Map<Class<?>, TextType> TYPES = Map.ofEntries(
            entry(new TextType(UUID.class, "uuid", "UUID string", TextType::parseUuid, Object::toString)),
            entry(new TextType(URI.class, "uri", "absolute URI string", TextType::parseUri, Object::toString)),
            entry(new TextType(LocalDate.class, "date", "date string (YYYY-MM-DD)",
                    s -> LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE),
                    v -> DateTimeFormatter.ISO_LOCAL_DATE.format((LocalDate) v))),
            entry(new TextType(LocalDateTime.class, null, "local date-time string (YYYY-MM-DDThh:mm:ss)",
                    s -> LocalDateTime.parse(s, LOCAL_DATE_TIME),
                    v -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) v))),
            entry(new TextType(LocalTime.class, null, "local time string (hh:mm:ss)",
                    s -> LocalTime.parse(s, DateTimeFormatter.ISO_LOCAL_TIME),
                    v -> DateTimeFormatter.ISO_LOCAL_TIME.format((LocalTime) v))),
            entry(new TextType(OffsetDateTime.class, "date-time", dateTime(),
                    s -> OffsetDateTime.parse(s, DATE_TIME),
                    v -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) v))),
            entry(new TextType(Instant.class, "date-time", dateTime(),
                    s -> OffsetDateTime.parse(s, DATE_TIME).toInstant(),
                    v -> DateTimeFormatter.ISO_INSTANT.format((Instant) v))),
            entry(new TextType(ZonedDateTime.class, "date-time", dateTime(),
                    s -> OffsetDateTime.parse(s, DATE_TIME).toZonedDateTime(),
                    v -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((ZonedDateTime) v))),
            entry(new TextType(OffsetTime.class, "time", "time string (RFC 3339, e.g. 10:15:30Z)",
                    s -> OffsetTime.parse(s, TIME),
                    v -> DateTimeFormatter.ISO_OFFSET_TIME.format((OffsetTime) v))),
            entry(new TextType(Duration.class, "duration", "duration string (ISO 8601, e.g. PT1H30M)",
                    Duration::parse, Object::toString)),
            entry(new TextType(Period.class, "duration", "duration string (ISO 8601, e.g. P1Y2M3D)",
                    Period::parse, Object::toString)));

    private final Class<?> javaType;
    private final JsonObject schema;
    private final String expected;
    private final Parser parser;
    private final Function<Object, String> formatter;

    private TextType(Class<?> javaType, String format, String expected, Parser parser,
            Function<Object, String> formatter) {
        this.javaType = javaType;
        JsonObjectBuilder b = Json.object().add("type", "string");
        if (format != null) {
            b.add("format", format);
        }
        this.schema = b.build();
        this.expected = expected;
        this.parser = parser;
        this.formatter = formatter;
    }

    private static Map.Entry<Class<?>, TextType> entry(TextType t) {
        return Map.entry(t.javaType, t);
    }

    private static String dateTime() {
        return "date-time string (RFC 3339, e.g. 2024-01-31T10:15:30Z)";
    }

    /** The text type for {@code cls}, or null. */
    static TextType forClass(Class<?> cls) {
        return TYPES.get(cls);
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return schema;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw mismatch(path, expected, v);
        }
        try {
            return parser.parse(((JsonString) v).getString());
        } catch (Exception e) {
            throw mismatch(path, expected, v);
        }
    }

    @Override
    public JsonValue toJson(Object value) {
        return value == null ? JsonValue.NULL : Json.string(formatter.apply(value));
    }

    private static Object parseUuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            throw new IllegalArgumentException(s);
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i != 8 && i != 13 && i != 18 && i != 23 && !isHex(c)) {
                throw new IllegalArgumentException(s);
            }
        }
        return UUID.fromString(s);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static Object parseUri(String s) throws URISyntaxException {
        URI uri = new URI(s);
        if (!uri.isAbsolute()) {
            throw new URISyntaxException(s, "not absolute");
        }
        return uri;
    }
}
