package io.p3protocol.query.graphql;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * GraphiQL at {@code /graphiql}, entirely from the jar (Spring's own page loads its scripts from a CDN and stays
 * disabled). The page's scripts and styles are under {@code /graphiql/}; the Content-Security-Policy lets the page
 * load and connect to this origin only, so it can never depend on the network by accident.
 */
@Controller
public class GraphiqlPageController {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Resource page = new ClassPathResource("graphiql/index.html");

    @GetMapping(value = "/graphiql", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<Resource> graphiql() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .contentType(MediaType.TEXT_HTML)
                .body(page);
    }
}
