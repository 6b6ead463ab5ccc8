package ${package};

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the context root: the functions answer at {@code <context root>/statefun}. */
@ApplicationPath("/")
public class StatefunApplication extends Application {}
