package dev.mcpws.resources;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 6570 URI template of levels 1 and 2: literals and expressions of one variable each, {@code {var}} (simple
 * string expansion), {@code {+var}} (reserved expansion) and {@code {#var}} (fragment expansion). Levels 3 and 4
 * (several variables per expression, the {@code . / ; ? &} operators, {@code :n} and {@code *} modifiers) are
 * rejected when the template is parsed.
 *
 * <p>{@link #match(String)} reverses an expansion: a simple variable matches one or more characters other than
 * {@code / ? #}, a reserved variable one or more of any character (as few as let the rest of the template match, so
 * a following fragment or literal is not swallowed), a fragment variable is optional. Matched values are
 * percent-decoded (UTF-8). Immutable and thread-safe.
 */
public final class UriTemplate {

    private static final Pattern VARNAME = Pattern.compile("[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*");
    private static final String UNRESERVED = "-._~";
    private static final String RESERVED = ":/?#[]@!$&'()*+,;=";

    private enum Op { SIMPLE, RESERVED, FRAGMENT }

    private record Part(String literal, Op op, String variable) {
    }

    private final String template;
    private final List<Part> parts;
    private final List<String> variables;
    private final Pattern pattern;
    private final int literalLength;

    private UriTemplate(String template, List<Part> parts) {
        this.template = template;
        this.parts = List.copyOf(parts);
        List<String> vars = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        for (Part p : parts) {
            if (p.literal() != null) {
                regex.append(Pattern.quote(p.literal()));
                literals += p.literal().length();
            } else {
                vars.add(p.variable());
                switch (p.op()) {
                    case SIMPLE:
                        regex.append("([^/?#]+)");
                        break;
                    case RESERVED:
                        regex.append("(.+?)");
                        break;
                    default:
                        regex.append("(?:#(.+))?");
                        break;
                }
            }
        }
        this.variables = Collections.unmodifiableList(vars);
        this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
        this.literalLength = literals;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming the problem: unbalanced braces, an empty or invalid variable name, a
     *                                  variable used twice, or an expression beyond level 2
     */
    public static UriTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("A URI template must not be empty");
        }
        List<Part> parts = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw invalid(template, "'}' without '{' at index " + i);
            }
            if (Character.isWhitespace(c) || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
                    || c == '|') {
                throw invalid(template, "character '" + c + "' is not allowed in a URI template (index " + i + ")");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw invalid(template, "'{' at index " + i + " is not closed");
            }
            String expr = template.substring(i + 1, end);
            if (expr.indexOf('{') >= 0) {
                throw invalid(template, "'{' at index " + i + " is not closed");
            }
            if (literal.length() > 0) {
                parts.add(new Part(literal.toString(), null, null));
                literal.setLength(0);
            }
            Op op = Op.SIMPLE;
            String name = expr;
            if (!expr.isEmpty() && expr.charAt(0) == '+') {
                op = Op.RESERVED;
                name = expr.substring(1);
            } else if (!expr.isEmpty() && expr.charAt(0) == '#') {
                op = Op.FRAGMENT;
                name = expr.substring(1);
            } else if (!expr.isEmpty() && "./;?&=,!@|".indexOf(expr.charAt(0)) >= 0) {
                throw invalid(template, "operator '" + expr.charAt(0) + "' in {" + expr
                        + "} is not supported (levels 1-2 only: {var}, {+var}, {#var})");
            }
            if (name.indexOf(',') >= 0 || name.indexOf('*') >= 0 || name.indexOf(':') >= 0) {
                throw invalid(template, "{" + expr + "} needs RFC 6570 level 3-4 (levels 1-2 only: one variable "
                        + "per expression, no modifiers)");
            }
            if (!VARNAME.matcher(name).matches()) {
                throw invalid(template, "{" + expr + "} has no valid variable name");
            }
            if (seen.contains(name)) {
                throw invalid(template, "variable '" + name + "' is used twice");
            }
            seen.add(name);
            parts.add(new Part(null, op, name));
            i = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), null, null));
        }
        return new UriTemplate(template, parts);
    }

    private static IllegalArgumentException invalid(String template, String why) {
        return new IllegalArgumentException("Invalid URI template '" + template + "': " + why);
    }

    /** The template text, as declared. */
    public String template() {
        return template;
    }

    /** The variable names, in order of appearance. */
    public List<String> variables() {
        return variables;
    }

    /** The number of literal characters: the more, the more specific the template when several match a URI. */
    public int literalLength() {
        return literalLength;
    }

    /**
     * Expands the template. A missing variable is undefined: it expands to nothing (a fragment expression loses its
     * {@code #} too).
     */
    public String expand(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p.literal() != null) {
                out.append(p.literal());
                continue;
            }
            String v = values.get(p.variable());
            if (v == null) {
                continue;
            }
            if (p.op() == Op.FRAGMENT) {
                out.append('#');
            }
            encode(v, p.op() != Op.SIMPLE, out);
        }
        return out.toString();
    }

    /**
     * The variables of {@code uri} when it matches the template (percent-decoded; a fragment variable that is absent
     * is left out), or null when it does not match.
     */
    public Map<String, String> match(String uri) {
        Matcher m = pattern.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            String raw = m.group(g);
            if (raw == null) {
                continue;
            }
            String decoded = decode(raw);
            if (decoded == null) {
                return null;
            }
            values.put(variables.get(g - 1), decoded);
        }
        return Collections.unmodifiableMap(values);
    }

    private static void encode(String value, boolean allowReserved, StringBuilder out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            char c = (char) b;
            boolean keep = b < 0x80 && (Character.isLetterOrDigit(c) || UNRESERVED.indexOf(c) >= 0
                    || allowReserved && RESERVED.indexOf(c) >= 0);
            if (allowReserved && c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                keep = true; // an existing pct-encoded triplet passes through reserved expansion
            }
            if (keep) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /** Percent-decodes (UTF-8); null when an escape is malformed or the bytes are not UTF-8. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            if (i + 2 >= raw.length || !isHex(raw[i + 1]) || !isHex(raw[i + 2])) {
                return null;
            }
            bytes.write(Character.digit(raw[i + 1], 16) << 4 | Character.digit(raw[i + 2], 16));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return template;
    }
}
