package org.twofold.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.twofold.platform.control.Refusal;

/**
 * Answers a refusal as a problem and counts it by its code: bad device signatures, exhausted attempt limits
 * and the like show up in {@code twofold_refusals_total}. Codes are constants of the code base, so the
 * label has a few dozen values at most.
 */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

    static final Metadata REFUSALS = Metadata.builder().withName("twofold.refusals")
            .withDescription("API requests refused, by problem code (e.g. invalid-signature, too-many-attempts)").build();

    @Inject
    MetricRegistry registry;

    @Override
    public Response toResponse(Refusal refusal) {
        registry.counter(REFUSALS, new Tag("code", refusal.code())).inc();
        return ProblemAnswer.of(refusal);
    }
}
