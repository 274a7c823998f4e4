package io.p3protocol.app.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.NoLongerAvailable;
import io.p3protocol.kernel.errors.NotConfigured;
import io.p3protocol.kernel.errors.SandboxSettlementBlocked;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.errors.ValidationError;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every refusal is {@code application/problem+json} with a {@code code}. Input problems are 4xx and say what is
 * wrong field by field; nothing a client sends can produce a 5xx.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    public record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(UnknownAggregate.class)
    ResponseEntity<Object> unknown(UnknownAggregate e) {
        return problem(HttpStatus.NOT_FOUND, e.code(), e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not_found", "No such " + describe(e) + ".");
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<Object> conflict(DomainRuleViolation e) {
        return problem(HttpStatus.CONFLICT, e.code(), e.getMessage());
    }

    @ExceptionHandler(NoLongerAvailable.class)
    ResponseEntity<Object> gone(NoLongerAvailable e) {
        return problem(HttpStatus.GONE, e.code(), e.getMessage());
    }

    @ExceptionHandler(io.p3protocol.kernel.errors.RequestRejected.class)
    ResponseEntity<Object> rejected(io.p3protocol.kernel.errors.RequestRejected e) {
        return problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
    }

    @ExceptionHandler(NotConfigured.class)
    ResponseEntity<Object> notConfigured(NotConfigured e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.code(), e.getMessage());
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<Object> concurrent(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "concurrent_modification",
                "Another change to the same object was committed first; read it again and retry.");
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<Object> denied(AccessDenied e) {
        return problem(HttpStatus.FORBIDDEN, e.code(), e.getMessage());
    }

    /** Exactly the original's body (its members only), as a problem document. */
    @ExceptionHandler(SandboxSettlementBlocked.class)
    ResponseEntity<Object> sandboxBlocked(SandboxSettlementBlocked e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(e.body());
    }

    @ExceptionHandler(RequestSizeLimitFilter.PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestSizeLimitFilter.PayloadTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalidInput(InvalidInput e) {
        return validation(e.errors().stream().map(f -> new FieldProblem(f.field(), f.message())).toList());
    }

    /** The telemetry wire format: code VALIDATION_ERROR with {@code details}. */
    @ExceptionHandler(ValidationError.class)
    ResponseEntity<Object> validationError(ValidationError e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ValidationError.CODE, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("details", e.details().stream().map(f -> new FieldProblem(f.field(), f.message())).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException e) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage())).toList();
        return validation(errors);
    }

    /** Command handlers' checked exceptions arrive wrapped; unwrap to the real cause. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException e, WebRequest request) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof Exception inner && !(cause instanceof CommandExecutionException)) {
            return dispatch(inner, request);
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The request failed unexpectedly; quote the X-Request-Id header when reporting it.");
    }

    private ResponseEntity<Object> dispatch(Exception e, WebRequest request) throws Exception {
        if (e instanceof UnknownAggregate u) return unknown(u);
        if (e instanceof AggregateNotFoundException a) return aggregateNotFound(a);
        if (e instanceof DomainRuleViolation d) return conflict(d);
        if (e instanceof ConcurrencyException c) return concurrent(c);
        if (e instanceof AggregateStreamCreationException c) return concurrent(c);
        if (e instanceof NoLongerAvailable g) return gone(g);
        if (e instanceof NotConfigured n) return notConfigured(n);
        if (e instanceof AccessDenied a) return denied(a);
        if (e instanceof SandboxSettlementBlocked s) return sandboxBlocked(s);
        if (e instanceof IllegalArgumentException i) return illegalArgument(i);
        if (e instanceof InvalidInput v) return invalidInput(v);
        if (e instanceof ValidationError v) return validationError(v);
        return unexpected(e);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        return validation(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return validation(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof RequestSizeLimitFilter.PayloadTooLargeException tooLarge) {
            return tooLarge(tooLarge); // a chunked body that outgrew the bound while being read
        }
        if (cause instanceof JsonBodyEncodingFilter.MalformedUtf8Exception malformed) {
            return problem(HttpStatus.BAD_REQUEST, "malformed_body", malformed.getMessage());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return validation(List.of(new FieldProblem(path(unknown), "unknown field")));
        }
        if (cause instanceof InvalidFormatException invalid) {
            return validation(List.of(new FieldProblem(path(invalid),
                    "cannot read " + shortValue(invalid.getValue()) + " as " + invalid.getTargetType().getSimpleName())));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                && mismatch.getTargetType() != null) {
            return validation(List.of(new FieldProblem(path(mismatch),
                    "wrong JSON type: expected " + jsonKind(mismatch.getTargetType()))));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return validation(List.of(new FieldProblem(path(mapping), firstLine(mapping.getOriginalMessage()))));
        }
        if (cause instanceof IllegalArgumentException illegal) {
            return problem(HttpStatus.BAD_REQUEST, "malformed_body", illegal.getMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed_body",
                "The request body is missing or is not valid JSON of the expected shape.");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
                                                        HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        return validation(List.of(new FieldProblem(name, "cannot read " + shortValue(ex.getValue()))));
    }

    /** Spring's own MVC refusals (404 route, 405, 406, 415…) keep their status and gain a {@code code}. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (statusCode.is5xxServerError()) {
            log.error("Request failed", ex);
        }
        ProblemDetail problem = body instanceof ProblemDetail pd ? pd
                : ProblemDetail.forStatusAndDetail(statusCode, ex.getMessage());
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            problem.setProperty("code", codeFor(statusCode));
        }
        return ResponseEntity.status(statusCode).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http_" + status.value() : known.name().toLowerCase();
    }

    private ResponseEntity<Object> validation(List<FieldProblem> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed",
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, code, detail));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String shortValue(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    /** How a Java target type is written in JSON, for telling a client what a field should have held. */
    private static String jsonKind(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == java.util.UUID.class
                || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a string";
        }
        return "an object";
    }

    private static String describe(AggregateNotFoundException e) {
        return "object " + e.getAggregateIdentifier();
    }

}
