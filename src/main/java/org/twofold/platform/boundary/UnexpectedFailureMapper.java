package org.twofold.platform.boundary;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.twofold.platform.control.Refusal;

/**
 * Every failure that is not a {@link Refusal} still answers as a problem: bad input (unreadable JSON,
 * oversized bodies, routing misses) with the matching 4xx, and only genuine faults of ours with 500,
 * logged with a reference the operator can find.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return ProblemAnswer.of(refusal);
            }
            if (cause instanceof BodyLimit.TooLarge tooLarge) {
                return ProblemAnswer.of(400, "invalid-request", tooLarge.getMessage());
            }
            if (cause instanceof JsonException || cause instanceof JsonbException) {
                return ProblemAnswer.of(400, "invalid-request", "The body is not valid JSON");
            }
            if (cause instanceof OptimisticLockException || cause instanceof SQLIntegrityConstraintViolationException) {
                return ProblemAnswer.of(409, "concurrent-change", "Changed by another request at the same moment; try again");
            }
        }
        if (isMalformedQueryParameter(failure)) {
            return ProblemAnswer.of(400, "invalid-request", "A query parameter is malformed");
        }
        if (failure instanceof WebApplicationException web) {
            return fromStatus(web.getResponse().getStatus());
        }
        if (failure instanceof ProcessingException) {
            return ProblemAnswer.of(400, "invalid-request", "The body cannot be read");
        }
        String reference = Long.toHexString(System.nanoTime());
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, failure);
        return ProblemAnswer.of(500, "internal-error", "Internal error (reference " + reference + ")");
    }

    /**
     * JAX-RS answers a query parameter that cannot be converted (e.g. {@code ?limit=abc}) with 404, as if
     * the resource did not exist; for the protocol it is malformed input. Jersey's exception is not API.
     */
    private static boolean isMalformedQueryParameter(Throwable failure) {
        return failure.getClass().getName().equals("org.glassfish.jersey.server.ParamException$QueryParamException");
    }

    private static Response fromStatus(int status) {
        return switch (status) {
            case 404 -> ProblemAnswer.of(404, "not-found", "No such resource");
            case 405 -> ProblemAnswer.of(405, "method-not-allowed", "Method not allowed here");
            case 406 -> ProblemAnswer.of(406, "not-acceptable", "No acceptable representation");
            case 415 -> ProblemAnswer.of(415, "unsupported-media-type", "Send application/json");
            default -> status >= 500
                    ? ProblemAnswer.of(500, "internal-error", "Internal error")
                    : ProblemAnswer.of(status, "invalid-request", "The request cannot be processed");
        };
    }
}
