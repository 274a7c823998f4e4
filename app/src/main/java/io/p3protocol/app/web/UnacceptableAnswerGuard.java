package io.p3protocol.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;
import java.util.Set;

/**
 * Spring checks the {@code Accept} header against a JSON answer only after the handler ran; for a command that is
 * too late: it would be executed and then reported as a 406. So a state-changing request whose handler answers
 * JSON (every one that declares no {@code produces}) and whose {@code Accept} rules JSON out is refused with 406
 * before the handler runs. Handlers that declare {@code produces} are matched against Accept by Spring itself.
 */
class UnacceptableAnswerGuard implements HandlerInterceptor {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!(handler instanceof HandlerMethod) || SAFE.contains(HttpMethod.valueOf(request.getMethod()))
                || request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) != null) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        List<MediaType> accepted;
        try {
            accepted = accept == null || accept.isBlank() ? List.of(MediaType.ALL) : MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException unparsable) {
            throw new HttpMediaTypeNotAcceptableException("Could not parse 'Accept' header: " + unparsable.getMessage());
        }
        boolean jsonAcceptable = accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || "json".equals(type.getSubtypeSuffix()));
        if (!jsonAcceptable) {
            throw new HttpMediaTypeNotAcceptableException(JSON);
        }
        return true;
    }
}
