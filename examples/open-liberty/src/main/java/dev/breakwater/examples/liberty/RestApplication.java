package dev.breakwater.examples.liberty;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the checkout and the simulated gateway under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {}
