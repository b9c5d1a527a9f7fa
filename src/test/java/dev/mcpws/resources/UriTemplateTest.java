package dev.mcpws.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6570 levels 1-2: parsing, expansion (the RFC's examples) and matching a URI back to its variables. */
class UriTemplateTest {

    /** The variables of RFC 6570 section 1.2's level 1-2 examples. */
    private static final Map<String, String> RFC = Map.of("var", "value", "hello", "Hello World!",
            "path", "/foo/bar");

    @Test
    void expandsTheRfcLevel1And2Examples() {
        assertEquals("value", UriTemplate.parse("{var}").expand(RFC));
        assertEquals("Hello%20World%21", UriTemplate.parse("{hello}").expand(RFC));
        assertEquals("value", UriTemplate.parse("{+var}").expand(RFC));
        assertEquals("Hello%20World!", UriTemplate.parse("{+hello}").expand(RFC));
        assertEquals("/foo/bar/here", UriTemplate.parse("{+path}/here").expand(RFC));
        assertEquals("here?ref=/foo/bar", UriTemplate.parse("here?ref={+path}").expand(RFC));
        assertEquals("X#value", UriTemplate.parse("X{#var}").expand(RFC));
        assertEquals("X#Hello%20World!", UriTemplate.parse("X{#hello}").expand(RFC));
    }

    @Test
    void expansionEncodesUtf8AndLeavesUndefinedVariablesOut() {
        assertEquals("users://J%C3%BCrgen/profile", UriTemplate.parse("users://{id}/profile").expand(Map.of("id", "Jürgen")));
        assertEquals("a%2Fb", UriTemplate.parse("{x}").expand(Map.of("x", "a/b")), "simple expansion encodes reserved characters");
        assertEquals("a%20b", UriTemplate.parse("{+x}").expand(Map.of("x", "a%20b")), "reserved expansion keeps pct-triplets");
        assertEquals("X", UriTemplate.parse("X{#var}").expand(Map.of()), "an undefined fragment loses its #");
        assertEquals("users:///profile", UriTemplate.parse("users://{id}/profile").expand(Map.of()));
    }

    @Test
    void matchesUrisBackToDecodedVariables() {
        UriTemplate t = UriTemplate.parse("users://{id}/posts/{post}");
        assertEquals(List.of("id", "post"), t.variables());
        assertEquals(Map.of("id", "42", "post", "hello world"), t.match("users://42/posts/hello%20world"));
        assertNull(t.match("users://42/posts/"), "a simple variable is not empty");
        assertNull(t.match("users://4/2/posts/x"), "a simple variable does not span a slash");
        assertNull(t.match("users://42/comments/x"));
        assertNull(t.match("users://42/posts/%zz"), "a malformed escape does not match");
        assertNull(t.match("users://42/posts/%C3"), "bytes that are not UTF-8 do not match");

        UriTemplate files = UriTemplate.parse("file:///{+path}");
        assertEquals(Map.of("path", "src/main/App.java"), files.match("file:///src/main/App.java"));
        assertEquals(Map.of("path", "Jürgen.txt"), files.match("file:///J%C3%BCrgen.txt"));
        assertNull(files.match("http:///x"));
    }

    @Test
    void fragmentVariablesAreOptional() {
        UriTemplate t = UriTemplate.parse("docs://{page}{#section}");
        assertEquals(Map.of("page", "intro", "section", "usage"), t.match("docs://intro#usage"));
        assertEquals(Map.of("page", "intro"), t.match("docs://intro"));
    }

    @Test
    void expandThenMatchIsTheIdentity() {
        UriTemplate t = UriTemplate.parse("search://{q}/in/{+scope}{#frag}");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("q", "a b/c?d#e&f=g,ü");
        values.put("scope", "x/y:z");
        values.put("frag", "top");
        assertEquals(values, t.match(t.expand(values)));
    }

    @Test
    void literalsAreQuotedNotRegex() {
        UriTemplate t = UriTemplate.parse("a.b+c://{x}(1)");
        assertEquals(Map.of("x", "v"), t.match("a.b+c://v(1)"));
        assertNull(t.match("aXb+c://v(1)"));
        assertEquals(11, t.literalLength(), "literal characters are counted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x://{", "x://{a", "x://a}", "x://{}", "x://{a,b}", "x://{a*}", "x://{a:3}",
            "x://{.a}", "x://{/a}", "x://{;a}", "x://{?a}", "x://{&a}", "x://{a-b}", "x://{a}/{a}", "x://{{a}}",
            "x:// {a}"})
    void rejectsWhatIsNotLevel1Or2(String template) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse(template));
        assertTrue(e.getMessage().contains("URI template"), e.getMessage());
    }

    @Test
    void rejectionsSayWhy() {
        assertTrue(UriTemplate.parse("x://{a}").variables().contains("a"));
        assertTrue(message("x://{a,b}").contains("level 3-4"), message("x://{a,b}"));
        assertTrue(message("x://{?q}").contains("operator '?'"), message("x://{?q}"));
        assertTrue(message("x://{a}/{a}").contains("used twice"), message("x://{a}/{a}"));
        assertTrue(message("x://{a").contains("not closed"), message("x://{a"));
    }

    private static String message(String template) {
        return assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse(template)).getMessage();
    }
}
