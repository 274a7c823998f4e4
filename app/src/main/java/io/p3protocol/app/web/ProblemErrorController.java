package io.p3protocol.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The servlet container's error page ({@code /error}): what Tomcat or a library reports with
 * {@code sendError}, or an exception thrown outside Spring MVC (e.g. a request body that ends before its declared
 * length). Answers problem+json with a {@code code} like every other refusal; replaces Spring Boot's
 * BasicErrorController, whose JSON has none.
 */
@RestController
public class ProblemErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            // Asked for directly rather than reached through an error dispatch.
            return answer(HttpStatus.NOT_FOUND, "No such resource.", request.getRequestURI());
        }
        HttpStatusCode status = HttpStatusCode.valueOf(code);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (status.is5xxServerError()) {
            log.error("Request to {} failed", path, (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            return answer(status, "The request failed unexpectedly; quote the X-Request-Id header when reporting it.",
                    path);
        }
        HttpStatus known = HttpStatus.resolve(code);
        return answer(status, known == null ? "The request was refused." : known.getReasonPhrase() + ".", path);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, String detail, String path) {
        ProblemDetail problem = Problems.of(status, ApiExceptionHandler.codeFor(status), detail);
        if (path != null && !path.equals("null")) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // leave the instance out rather than fail the error page
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
