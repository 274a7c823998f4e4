package io.p3protocol.query.graphql;

import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** {@code me}: who the presented key belongs to. Tells nothing about the key itself beyond its id. */
@Controller
public class CallerGraphQlController {

    @QueryMapping
    public Caller me(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller) {
        return caller;
    }

    @SchemaMapping(typeName = "Caller", field = "roles")
    public List<Role> roles(Caller caller) {
        return caller.roles().stream().sorted().toList();
    }
}
