package io.p3protocol.app.policy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoint a request is metered under: its method and the <em>route template</em> that will serve it, e.g.
 * {@code POST /api/vault/secrets/{name}/rotate} or {@code POST /graphql}, never the raw path, which carries ids and
 * names (unbounded, and not always fit to store). Found by asking Spring MVC's handler mappings, in the
 * DispatcherServlet's order, which one would serve the request: the filter runs before the DispatcherServlet, so the
 * lookup runs on a wrapper whose request attributes are private, leaving the real request untouched. A request no
 * route serves (only the static-resource catch-all {@code /**} would), or one whose method the matched path does not
 * take, is {@code <METHOD> (unmatched)}.
 */
@Component
public class RouteTemplates {
    static final String UNMATCHED = "(unmatched)";
    private static final String CATCH_ALL = "/**";

    private final ApplicationContext context;
    private volatile List<HandlerMapping> mappings;

    public RouteTemplates(ApplicationContext context) {
        this.context = context;
    }

    public String endpointOf(HttpServletRequest request) {
        String template = templateOf(request);
        return request.getMethod() + " " + (template == null ? UNMATCHED : template);
    }

    private String templateOf(HttpServletRequest request) {
        PrivateAttributes lookup = new PrivateAttributes(request);
        ServletRequestPathUtils.parseAndCache(lookup);
        for (HandlerMapping mapping : mappings()) {
            try {
                if (mapping.getHandler(lookup) != null) {
                    Object pattern = lookup.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                    // "/**" is the static-resource catch-all: no route of this API
                    return pattern == null || CATCH_ALL.equals(pattern.toString()) ? null : pattern.toString();
                }
            } catch (Exception e) {
                return null; // e.g. the path exists but not for this method: MVC will answer 405/415
            }
        }
        return null;
    }

    /** Resolved on first use: the handler mappings are complete only once the context is refreshed. */
    private List<HandlerMapping> mappings() {
        List<HandlerMapping> resolved = mappings;
        if (resolved == null) {
            resolved = new ArrayList<>(BeanFactoryUtils.beansOfTypeIncludingAncestors(context, HandlerMapping.class,
                    true, false).values());
            AnnotationAwareOrderComparator.sort(resolved);
            mappings = resolved = List.copyOf(resolved);
        }
        return resolved;
    }

    /** Reads fall through to the real request; writes and removals stay in this wrapper. */
    private static final class PrivateAttributes extends HttpServletRequestWrapper {
        private final Map<String, Object> written = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        PrivateAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (written.containsKey(name)) {
                return written.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                removeAttribute(name);
                return;
            }
            written.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            written.remove(name);
            removed.add(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
            names.removeAll(removed);
            names.addAll(written.keySet());
            return Collections.enumeration(names);
        }
    }
}
