package dev.mcpws.example;

import dev.mcpws.api.Description;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolException;
import jakarta.enterprise.context.ApplicationScoped;

/** A calculator whose result is structured: clients get {@code structuredContent} and an {@code outputSchema}. */
@ApplicationScoped
public class Calculator {

    /** The four operations. */
    public enum Operation { add, subtract, multiply, divide }

    /** What {@code calculate} returns. */
    @Description("The result of a calculation")
    public record Calculation(
            @Description("The left operand") double a,
            @Description("The operation applied") Operation operation,
            @Description("The right operand") double b,
            @Description("The result") double result,
            @Description("The calculation as text, e.g. 6 * 7 = 42") String expression) {
    }

    @Tool(name = "calculate", title = "Calculator", nonBlocking = true,
            description = "Applies add, subtract, multiply or divide to two numbers and returns a structured result.",
            annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
                    openWorldHint = false))
    public Calculation calculate(@ToolArg(description = "The left operand") double a,
                                 @ToolArg(description = "The operation") Operation operation,
                                 @ToolArg(description = "The right operand") double b) {
        double result = switch (operation) {
            case add -> a + b;
            case subtract -> a - b;
            case multiply -> a * b;
            case divide -> {
                if (b == 0) {
                    throw new ToolException("Cannot divide by zero");
                }
                yield a / b;
            }
        };
        if (!Double.isFinite(result)) {
            throw new ToolException("The result is out of range: it is larger than a double can hold");
        }
        String symbol = switch (operation) {
            case add -> "+";
            case subtract -> "-";
            case multiply -> "*";
            case divide -> "/";
        };
        return new Calculation(a, operation, b, result, format(a) + " " + symbol + " " + format(b) + " = " + format(result));
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
