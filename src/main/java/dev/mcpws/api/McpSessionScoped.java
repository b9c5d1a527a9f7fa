package dev.mcpws.api;

import jakarta.enterprise.context.NormalScope;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CDI scope bound to one MCP connection: one instance per WebSocket connection, destroyed ({@code @PreDestroy})
 * when the connection closes. Active while a request of that connection is being served (on its worker thread).
 */
@Documented
@NormalScope
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface McpSessionScoped {
}
