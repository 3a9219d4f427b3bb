package org.twofold.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST protocol (PROTOCOL.md) lives under {@code /api/v1}. */
@ApplicationPath("api/v1")
public class TwofoldApi extends Application {
}
