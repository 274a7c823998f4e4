package io.p3protocol.app.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import jakarta.servlet.ServletException;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;

/**
 * Tomcat's own error report for what it refuses before the application runs (a TRACE request, an unparsable
 * request line, header or URI encoding…), written as problem+json with a {@code code} instead of an HTML page.
 * Replaces the host's ErrorReportValve; answers that already have a body are left alone.
 * Registered by {@link WebConfiguration#problemJsonForContainerErrors()}.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    /**
     * A response already in error before the application ran was refused by the connector itself (e.g. TRACE):
     * answer it here rather than dispatching it to the application's error page with its refused method.
     */
    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (response.isError()) {
            response.setSuspended(false); // sendError suspends output; the report must get through
            report(request, response, null);
            return;
        }
        super.invoke(request, response);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        String detail = status == 500
                ? "The request failed unexpectedly; quote the X-Request-Id header when reporting it."
                : known == null ? "The request was refused." : known.getReasonPhrase() + ".";
        String json = "{\"type\":\"https://p3protocol.io/problems/" + ApiExceptionHandler.codeFor(code).replace('_', '-')
                + "\",\"title\":\"" + (known == null ? "Error" : known.getReasonPhrase()) + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + ApiExceptionHandler.codeFor(code) + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already committed: nothing more can be said
        }
    }
}
