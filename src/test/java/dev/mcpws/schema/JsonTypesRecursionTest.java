package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.generic;
import static dev.mcpws.schema.Fixtures.json;
import static dev.mcpws.schema.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mcpws.schema.Fixtures.A;
import dev.mcpws.schema.Fixtures.B;
import dev.mcpws.schema.Fixtures.Category;
import dev.mcpws.schema.Fixtures.Forest;
import dev.mcpws.schema.Fixtures.Node;
import dev.mcpws.schema.Fixtures.Tree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recursive types: schemas use $ref (with $defs at the document root), binding and writing follow the cycle. */
class JsonTypesRecursionTest {

    private static final String NODE_BODY = "'type':'object','properties':{'name':{'type':'string'},"
            + "'children':{'type':'array','items':{'$ref':'%s'}}},'required':['name','children'],"
            + "'additionalProperties':false";

    @Test
    void recursiveRootRefersToTheDocumentRoot() {
        JsonType t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> JsonTypes.of(Node.class));
        assertEquals(obj("{" + NODE_BODY.formatted("#") + "}"), t.schema());
    }

    @Test
    void recursiveTypeBelowTheRootIsDefinedInDefs() {
        String node = "{" + NODE_BODY.formatted("#/$defs/Node") + "}";
        assertEquals(obj("{'type':'object','properties':{'owner':{'type':'string'},"
                + "'trees':{'type':'array','items':" + node + "}},"
                + "'required':['owner','trees'],'additionalProperties':false,"
                + "'$defs':{'Node':" + node + "}}"), JsonTypes.of(Forest.class).schema());
        assertEquals(obj("{'type':'array','items':" + node + ",'$defs':{'Node':" + node + "}}"),
                JsonTypes.of(generic("nodes")).schema());
    }

    @Test
    void mutualRecursion() {
        String bInline = "{'type':'object','properties':{'n':{'type':'integer','minimum':-2147483648,"
                + "'maximum':2147483647},'a':{'$ref':'#'}},'required':['n'],'additionalProperties':false}";
        assertEquals(obj("{'type':'object','properties':{'name':{'type':'string'},'b':" + bInline + "},"
                + "'required':['name'],'additionalProperties':false}"), JsonTypes.of(A.class).schema());
        String aInline = "{'type':'object','properties':{'name':{'type':'string'},'b':{'$ref':'#'}},"
                + "'required':['name'],'additionalProperties':false}";
        assertEquals(obj("{'type':'object','properties':{'n':{'type':'integer','minimum':-2147483648,"
                + "'maximum':2147483647},'a':" + aInline + "},'required':['n'],'additionalProperties':false}"),
                JsonTypes.of(B.class).schema());
    }

    @Test
    void genericRecursion() {
        assertEquals(obj("{'type':'object','properties':{'value':{'type':'string'},"
                + "'kids':{'type':'array','items':{'$ref':'#'}}},'required':['value','kids'],"
                + "'additionalProperties':false}"), JsonTypes.of(generic("stringTree")).schema());
    }

    @Test
    void recursivePojo() {
        assertEquals(obj("{'type':'object','properties':{'subcategories':{'type':'array','items':{'$ref':'#'}},"
                + "'title':{'type':'string'}},'additionalProperties':false}"),
                JsonTypes.of(Category.class).schema());
    }

    @Test
    void objectSchemaHoistsDefinitions() {
        JsonType nodes = JsonTypes.of(generic("nodes"));
        String node = "{" + NODE_BODY.formatted("#/$defs/Node") + "}";
        assertEquals(obj("{'type':'object','properties':{'roots':{'type':'array','items':" + node + "},"
                + "'extra':" + node + "},'required':['roots'],'$defs':{'Node':" + node + "}}"),
                JsonTypes.objectSchema(List.of(new JsonTypes.Property("roots", nodes, null, true, null),
                        new JsonTypes.Property("extra", JsonTypes.of(Node.class), null, false, null))));
    }

    @Test
    void bindsAndWritesDeepStructures() throws InvalidValueException {
        JsonType t = JsonTypes.of(Node.class);
        Node tree = new Node("root", List.of(new Node("a", List.of(new Node("a1", List.of()))),
                new Node("b", List.of())));
        assertEquals(json("{'name':'root','children':[{'name':'a','children':[{'name':'a1','children':[]}]},"
                + "{'name':'b','children':[]}]}"), t.toJson(tree));
        assertEquals(tree, t.fromJson(t.toJson(tree), "arguments.tree"));

        Node deep = new Node("leaf", List.of());
        for (int i = 0; i < 200; i++) {
            deep = new Node("n" + i, List.of(deep));
        }
        assertEquals(deep, t.fromJson(t.toJson(deep), ""));
    }

    @Test
    void errorsDeepInARecursiveStructureHaveTheFullPath() {
        JsonType t = JsonTypes.of(Node.class);
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> t.fromJson(
                json("{'name':'r','children':[{'name':'a','children':[]},{'name':'b','children':[{'name':7,"
                        + "'children':[]}]}]}"), "arguments.tree"));
        assertEquals("arguments.tree.children[1].children[0].name", e.path());
        assertEquals("arguments.tree.children[1].children[0].name: expected string, got number 7", e.getMessage());
    }

    @Test
    void mutualRecursionBinds() throws InvalidValueException {
        JsonType t = JsonTypes.of(A.class);
        A a = new A("x", Optional.of(new B(1, Optional.of(new A("y", Optional.empty())))));
        assertEquals(json("{'name':'x','b':{'n':1,'a':{'name':'y'}}}"), t.toJson(a));
        assertEquals(a, t.fromJson(t.toJson(a), ""));
    }

    @Test
    void genericRecursionBinds() throws InvalidValueException {
        JsonType t = JsonTypes.of(generic("stringTree"));
        Tree<String> tree = new Tree<>("a", List.of(new Tree<>("b", List.of())));
        assertEquals(tree, t.fromJson(t.toJson(tree), ""));
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> t.fromJson(json("{'value':'a','kids':[{'value':1,'kids':[]}]}"), "t"));
        assertEquals("t.kids[0].value", e.path());
    }

    @Test
    void recursivePojoBinds() throws InvalidValueException {
        JsonType t = JsonTypes.of(Category.class);
        Category c = new Category();
        c.title = "top";
        c.subcategories = new ArrayList<>();
        Category sub = new Category();
        sub.title = "sub";
        c.subcategories.add(sub);
        assertEquals(json("{'subcategories':[{'title':'sub'}],'title':'top'}"), t.toJson(c));
        assertEquals(c, t.fromJson(t.toJson(c), ""));
    }
}
