package org.twofold.dashboard.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many matches the dashboard's long lists (users, devices) count and page through. Beyond it they say
 * "more than" and ask for a narrower search: counting a million rows exactly costs a scan of them on every
 * page, while reading this many ids from an index costs the same over a million as over twenty thousand.
 */
@ApplicationScoped
public class CountLimit {

    @Inject
    @ConfigProperty(name = "twofold.dashboard.count-limit")
    int value;

    public int value() {
        return value;
    }
}
