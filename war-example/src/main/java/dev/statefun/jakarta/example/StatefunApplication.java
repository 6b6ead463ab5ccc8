package dev.statefun.jakarta.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Turns on JAX-RS for the WAR. The server finds {@code StatefulFunctionResource} in
 * {@code WEB-INF/lib/statefun-jaxrs}, which then answers at {@code <context-root>/statefun}.
 */
@ApplicationPath("/")
public class StatefunApplication extends Application {}
