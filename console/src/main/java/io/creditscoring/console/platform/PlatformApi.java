package io.creditscoring.console.platform;

import io.creditscoring.console.ConsoleProperties;
import io.creditscoring.console.signin.SignedInKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The services' REST APIs, called with the signed-in key as {@code X-API-Key}. The console keeps no data of its
 * own: answers are JSON objects and arrays, rendered as they come (as maps and lists).
 */
@Component
public class PlatformApi {

    static final String KEY_HEADER = "X-API-Key";

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> ARRAY =
            new ParameterizedTypeReference<>() {};

    private final Map<Service, RestClient> clients = new EnumMap<>(Service.class);

    PlatformApi(ConsoleProperties properties) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(properties.callTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.callTimeout());
        ConsoleProperties.Services services = properties.services();
        Map<Service, URI> bases = Map.of(
                Service.SCORING, services.scoring(),
                Service.INGESTION, services.ingestion(),
                Service.TRAINING, services.training(),
                Service.DRIFT, services.drift());
        bases.forEach((service, base) -> clients.put(
                service,
                RestClient.builder()
                        .baseUrl(base.toString())
                        .requestFactory(requests)
                        .defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
                        .build()));
    }

    /** Asks scoring-api (the keys' owner) who a key is; a refused key is a {@link KeyRejectedException}. */
    public Caller whoIs(String apiKey) {
        Map<String, Object> me = call(
                Service.SCORING,
                () -> clients.get(Service.SCORING)
                        .get()
                        .uri("/v1/me")
                        .header(KEY_HEADER, apiKey)
                        .retrieve()
                        .body(OBJECT));
        @SuppressWarnings("unchecked")
        List<String> roles = (List<String>) me.get("roles");
        return new Caller(String.valueOf(me.get("keyId")), Set.copyOf(roles));
    }

    /** A JSON object the service answers to the signed-in key. */
    public Map<String, Object> object(Service service, String uri, Object... variables) {
        return call(
                service,
                () -> asSignedIn(service, HttpMethod.GET, uri, variables)
                        .retrieve()
                        .body(OBJECT));
    }

    /** A JSON object, or empty when the service answers 404 (nothing there yet). */
    public Optional<Map<String, Object>> objectIfPresent(Service service, String uri, Object... variables) {
        try {
            return Optional.of(object(service, uri, variables));
        } catch (ServiceCallException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A JSON array the service answers to the signed-in key. */
    public List<Map<String, Object>> array(Service service, String uri, Object... variables) {
        List<Map<String, Object>> answer = call(
                service,
                () -> asSignedIn(service, HttpMethod.GET, uri, variables)
                        .retrieve()
                        .body(ARRAY));
        return answer == null ? List.of() : answer;
    }

    /** A JSON array, or an empty one when the service answers 404. */
    public List<Map<String, Object>> arrayIfPresent(Service service, String uri, Object... variables) {
        try {
            return array(service, uri, variables);
        } catch (ServiceCallException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /** Posts a JSON body as the signed-in key; the answer is the service's JSON object. */
    public Map<String, Object> post(Service service, Object body, String uri, Object... variables) {
        return call(
                service,
                () -> asSignedIn(service, HttpMethod.POST, uri, variables)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(OBJECT));
    }

    /** An HTML page the service answers to the signed-in key (a drift report), to be passed on as it is. */
    public String html(Service service, String uri, Object... variables) {
        return call(
                service,
                () -> asSignedIn(service, HttpMethod.GET, uri, variables)
                        .accept(MediaType.TEXT_HTML)
                        .retrieve()
                        .body(String.class));
    }

    /**
     * A file the service answers to the signed-in key (a model's ONNX artifact), with its headers, to be passed on
     * as it is.
     */
    public ResponseEntity<byte[]> file(Service service, String uri, Object... variables) {
        return call(
                service,
                () -> asSignedIn(service, HttpMethod.GET, uri, variables)
                        .accept(MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
                        .retrieve()
                        .toEntity(byte[].class));
    }

    /** Deletes as the signed-in key (the answer, 204 for a revocation, has no body). */
    public void delete(Service service, String uri, Object... variables) {
        call(
                service,
                () -> asSignedIn(service, HttpMethod.DELETE, uri, variables)
                        .retrieve()
                        .toBodilessEntity());
    }

    /** A request to the service carrying the signed-in key (read on the calling thread, whose session it is). */
    private RestClient.RequestBodySpec asSignedIn(Service service, HttpMethod method, String uri, Object... variables) {
        return clients.get(service).method(method).uri(uri, variables).header(KEY_HEADER, SignedInKey.current());
    }

    private static <T> T call(Service service, Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 401) {
                throw new KeyRejectedException(service);
            }
            throw ServiceCallException.refused(service, e.getStatusCode().value(), ProblemText.of(e));
        } catch (ResourceAccessException e) {
            throw ServiceCallException.unreachable(service);
        }
    }
}
