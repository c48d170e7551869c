package io.creditscoring.web;

import java.net.URI;

/** The problem types every service answers with, as RFC 9457 {@code type} URIs. */
public final class ProblemTypes {

    public static final URI VALIDATION = URI.create("urn:credit-scoring:problem:validation");
    public static final URI MALFORMED_REQUEST = URI.create("urn:credit-scoring:problem:malformed-request");
    public static final URI NOT_FOUND = URI.create("urn:credit-scoring:problem:not-found");
    public static final URI CONFLICT = URI.create("urn:credit-scoring:problem:conflict");
    public static final URI UNAVAILABLE = URI.create("urn:credit-scoring:problem:unavailable");
    public static final URI UNAUTHORIZED = URI.create("urn:credit-scoring:problem:unauthorized");
    public static final URI FORBIDDEN = URI.create("urn:credit-scoring:problem:forbidden");
    public static final URI PAYLOAD_TOO_LARGE = URI.create("urn:credit-scoring:problem:payload-too-large");
    public static final URI REQUEST_REJECTED = URI.create("urn:credit-scoring:problem:request-rejected");
    public static final URI TOO_MANY_REQUESTS = URI.create("urn:credit-scoring:problem:too-many-requests");
    public static final URI INTERNAL = URI.create("urn:credit-scoring:problem:internal");

    private ProblemTypes() {}
}
