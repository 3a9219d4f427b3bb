package org.twofold.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A transaction that fails at commit (a constraint another request won, an optimistic lock) arrives
 * wrapped in a {@link TransactionalException}; it must answer like any other failure, not as an HTML page.
 */
@Provider
@Priority(1)
public class CommitFailureMapper implements ExceptionMapper<TransactionalException> {

    private final UnexpectedFailureMapper failures = new UnexpectedFailureMapper();

    @Override
    public Response toResponse(TransactionalException failure) {
        return failures.toResponse(failure);
    }
}
