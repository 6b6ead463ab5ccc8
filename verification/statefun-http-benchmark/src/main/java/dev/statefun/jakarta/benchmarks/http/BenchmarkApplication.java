package dev.statefun.jakarta.benchmarks.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Turns on JAX-RS in the benchmark WAR: the endpoint answers at {@code /bench/statefun}. */
@ApplicationPath("/")
public class BenchmarkApplication extends Application {}
