package io.p3protocol.app.resilience;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One REST route as Spring MVC maps it: read from the running app, so routes added later are fuzzed too.
 *
 * @param methods       the HTTP methods it answers
 * @param pattern       e.g. {@code /api/tenants/{tenantId}/rename}
 * @param bodyType      the {@code @RequestBody} type, or null when it takes no body
 * @param bodyRequired  whether the body is required
 * @param pathVariables path variable name → declared type
 */
record RestRoute(Set<String> methods, String pattern, Class<?> bodyType, boolean bodyRequired,
                 Map<String, Class<?>> pathVariables) {

    static List<RestRoute> discover(RequestMappingHandlerMapping mapping, String prefix) {
        List<RestRoute> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            java.util.SortedSet<String> methods = new TreeSet<>();
            entry.getKey().getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add(RequestMethod.GET.name());
            }
            Class<?> bodyType = null;
            boolean bodyRequired = false;
            Map<String, Class<?>> pathVariables = new LinkedHashMap<>();
            for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
                if (body != null) {
                    bodyType = parameter.getParameterType();
                    bodyRequired = body.required();
                }
                PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
                if (variable != null) {
                    parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                    String name = !variable.name().isEmpty() ? variable.name() : parameter.getParameterName();
                    pathVariables.put(name, parameter.getParameterType());
                }
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                if (pattern.startsWith(prefix)) {
                    routes.add(new RestRoute(java.util.Collections.unmodifiableSortedSet(methods), pattern, bodyType, bodyRequired, pathVariables));
                }
            }
        }
        routes.sort(Comparator.comparing(RestRoute::pattern).thenComparing(r -> String.join(",", r.methods())));
        return routes;
    }

    boolean takesBody() {
        return bodyType != null;
    }

    /** The one method used for requests meant to reach the handler (POST if it answers POST). */
    String mainMethod() {
        return methods.contains("POST") ? "POST" : methods.iterator().next();
    }

    /** The path with every variable replaced by {@code values.get(name)}. */
    String path(Map<String, String> values) {
        String path = pattern;
        for (String name : pathVariables.keySet()) {
            path = path.replace("{" + name + "}", values.get(name));
        }
        return path;
    }

    @Override
    public String toString() {
        return String.join("|", methods) + " " + pattern;
    }
}
