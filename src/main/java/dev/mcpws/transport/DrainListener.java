package dev.mcpws.transport;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the drain when the web application stops, before Liberty's own WebSocket listener closes every socket of the
 * application with 1001 "Application shutting down." (its {@code contextDestroyed} runs after this one: listeners are
 * destroyed in the reverse order of their registration, and the container registers its own before the application's).
 * Without it the drain would only start when CDI destroys the application scope, which happens after that listener.
 * (Sockets whose upgrade carried an HTTP session escape that listener anyway: Liberty forgets them when it invalidates
 * the sessions at the stop.) {@link Connections#drain()} runs once; the CDI observers stay as the fallback.
 */
@WebListener
public class DrainListener implements ServletContextListener {

    @Inject
    Connections connections;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        connections.drain();
    }
}
