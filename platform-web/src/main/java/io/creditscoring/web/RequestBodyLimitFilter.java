package io.creditscoring.web;

import io.creditscoring.model.portfolio.SchemaViolation;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request bodies over their limit with 413 problem details: at once when the declared length is too
 * large, and as soon as the limit is passed while a body without a declared length is read. Nothing reads more
 * than the limit into memory.
 */
public final class RequestBodyLimitFilter implements Filter {

    private final long defaultLimit;
    private final List<Rule> rules;
    /** A declared length up to this is within every limit, so its path need not be looked at. */
    private final long smallestLimit;

    public RequestBodyLimitFilter(PlatformWebProperties properties) {
        this.defaultLimit = properties.maxBodySize().toBytes();
        this.rules = properties.bodySizeLimits().stream()
                .map(l -> new Rule(
                        l.method(),
                        PathPatternParser.defaultInstance.parse(l.path()),
                        l.maxSize().toBytes()))
                .toList();
        this.smallestLimit = rules.stream().mapToLong(Rule::maxBytes).reduce(defaultLimit, Math::min);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        long declared = request.getContentLengthLong();
        if (declared >= 0 && declared <= smallestLimit) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limitFor(request);
        if (declared > limit) {
            ProblemResponses.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "Payload too large",
                    DETAIL,
                    List.of(bodyError(declared, limit)));
            return;
        }
        // A declared length is enforced by the container; only bodies of unknown length need counting.
        chain.doFilter(declared >= 0 ? request : new Limited(request, limit), response);
    }

    long limitFor(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        for (Rule rule : rules) {
            if ((rule.method() == null || rule.method().equalsIgnoreCase(request.getMethod()))
                    && rule.path().matches(path)) {
                return rule.maxBytes();
            }
        }
        return defaultLimit;
    }

    static final String DETAIL = "The request body is too large.";

    static SchemaViolation bodyError(long size, long limit) {
        return new SchemaViolation(
                "body",
                "has " + (size > limit ? size : "more than " + limit) + " bytes, at most " + limit + " are accepted");
    }

    private record Rule(String method, PathPattern path, long maxBytes) {}

    /** A request whose body stops with a 413 once more than the limit has been read. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw ApiProblemException.payloadTooLarge(DETAIL, bodyError(-1, limit));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
