package io.creditscoring.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Once the service has begun to stop, sends each response's bytes before the request's servlet is released.
 *
 * <p>Tomcat's graceful shutdown (Spring Boot's {@code GracefulShutdown}) waits while a servlet is allocated to a
 * request, but the container writes a buffered response only after the servlet is released. A request that ends
 * during the wait, such as a long CSV import, could therefore see its connection closed before its answer left
 * the buffer (the client read "no bytes"). Flushing inside the filter chain closes that window. Only while stopping:
 * otherwise the container sends small answers with a {@code Content-Length} in one write, which scoring relies on.
 */
public final class FlushWhileStoppingFilter implements Filter, ApplicationListener<ContextClosedEvent> {

    private volatile boolean stopping;

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (stopping && !request.isAsyncStarted()) {
                response.flushBuffer();
            }
        }
    }
}
