package io.integrationshub.common.web;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.FormBodyHandler;
import org.jboss.resteasy.reactive.server.handlers.InputHandler;
import org.jboss.resteasy.reactive.server.handlers.RequestDeserializeHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The HTTP methods each path of the REST layer answers, so that a wrong method on an existing path is 405 with
 * {@code Allow} (RFC 9110 15.5.6) rather than 404. RESTEasy Reactive picks one resource class per request, so
 * where classes share a prefix ({@code /v1/orgs/{org_id}}, {@code /v1/projects/{project_id}}) it answers 404 for a
 * method another class of the same path has, and its own 405 carries no {@code Allow}.
 *
 * <p>The table is read once, at start-up, from the deployment RESTEasy Reactive built from the JAX-RS resource
 * classes (every resource method's class and method {@code @Path} templates and its HTTP method), so it follows
 * the resources without a list kept by hand. Templates are matched as JAX-RS does (3.7.3): a parameter without a
 * regex is one path segment, {@code {name: regex}} its own regex; a trailing slash is ignored, as RESTEasy does.
 * HEAD is allowed wherever GET is (RESTEasy answers it from GET), and OPTIONS everywhere (RESTEasy answers it for
 * any path of a resource class).
 */
@ApplicationScoped
public class AllowedMethods {
    private static final Logger LOG = Logger.getLogger(AllowedMethods.class);
    /** The order methods are listed in {@code Allow}; others follow alphabetically. */
    private static final List<String> ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Comparator<String> METHOD_ORDER = Comparator
            .comparingInt((String m) -> ORDER.contains(m) ? ORDER.indexOf(m) : ORDER.size())
            .thenComparing(Comparator.naturalOrder());

    private volatile Table table;

    void onStart(@Observes StartupEvent event) {
        table();
    }

    /**
     * The {@code Allow} value for a request that no resource method answered: the methods the path has when
     * it has some and {@code method} is not among them, else null (the path does not exist, or the method does
     * and the 404 is the resource's own).
     */
    public String allowIfWrongMethod(String method, String path) {
        Set<String> allowed = table().allowed(path);
        return allowed.isEmpty() || allowed.contains(method) ? null : String.join(", ", allowed);
    }

    /** The template of the resource path {@code path} matches, the most literal one first; null when none. */
    public String template(String path) {
        return table().template(path);
    }

    /**
     * Whether the resource method answering {@code method} on {@code path} takes no request body (its Java method has
     * no entity parameter): such a request may send none or {@code {}}, and anything else is refused at the edge
     * instead of being ignored (API.md 1: unknown fields and malformed JSON are 400).
     */
    public boolean takesNoBody(String method, String path) {
        return table().takesNoBody(method, path);
    }

    /** The {@code Allow} value for a path (null when no resource answers it under any method). */
    public String allow(String path) {
        Set<String> allowed = table().allowed(path);
        return allowed.isEmpty() ? null : String.join(", ", allowed);
    }

    private Table table() {
        Table current = table;
        if (current == null) {
            synchronized (this) {
                current = table;
                if (current == null) {
                    current = Table.of(ResteasyReactiveRecorder.getCurrentDeployment());
                    table = current;
                }
            }
        }
        return current;
    }

    /** Path templates (as regexes) and the methods declared on each. */
    static final class Table {
        private final Map<String, Route> routes;

        private Table(Map<String, Route> routes) {
            this.routes = routes;
        }

        static Table of(Deployment deployment) {
            Map<String, Route> routes = new LinkedHashMap<>();
            if (deployment == null) {
                LOG.warn("no REST deployment at start-up: a wrong method on an existing path stays 404");
                return new Table(routes);
            }
            String prefix = deployment.getPrefix();
            for (RequestMapper.RequestPath<RestInitialHandler.InitialMatch> classPath : deployment.getClassMappers()) {
                for (ServerRestHandler handler : classPath.value.handlers) {
                    if (handler instanceof ClassRoutingHandler routing) {
                        for (RequestMapper<RuntimeResource> mapper : routing.getMappers().values()) {
                            for (RequestMapper.RequestPath<RuntimeResource> path : mapper.getTemplates()) {
                                add(routes, prefix, path.value);
                            }
                        }
                    }
                }
            }
            LOG.debugf("%d resource paths: %s", routes.size(), routes.values());
            return new Table(routes);
        }

        /** From templates given directly (unit tests). */
        static Table ofTemplates(Map<String, ? extends Collection<String>> templates) {
            Map<String, Route> routes = new LinkedHashMap<>();
            templates.forEach((template, methods) -> methods.forEach(m -> add(routes, template, m)));
            return new Table(routes);
        }

        private static void add(Map<String, Route> routes, String prefix, RuntimeResource resource) {
            String template = join(join(prefix, resource.getClassPath() == null ? "" : resource.getClassPath().template),
                    resource.getPath() == null ? "" : resource.getPath().template);
            // A sub-resource locator (no HTTP method) has methods the deployment does not list: its path is skipped
            // and stays as RESTEasy answers it.
            if (resource.getHttpMethod() != null) {
                add(routes, template, resource.getHttpMethod());
                if (!readsBody(resource)) {
                    routes.get(join(template, "")).bodiless.add(resource.getHttpMethod());
                }
            }
        }

        /** RESTEasy puts a handler that reads and deserialises the body into the chain of methods that take one. */
        private static boolean readsBody(RuntimeResource resource) {
            for (ServerRestHandler handler : resource.getHandlerChain()) {
                if (handler instanceof RequestDeserializeHandler || handler instanceof InputHandler
                        || handler instanceof FormBodyHandler) {
                    return true;
                }
            }
            return false;
        }

        boolean takesNoBody(String method, String path) {
            String target = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            // Most writes take a body: unless a bodiless route of the method matches, no full search is needed.
            boolean maybe = false;
            for (Route route : routes.values()) {
                if (route.bodiless.contains(method) && route.pattern.matcher(target).matches()) {
                    maybe = true;
                    break;
                }
            }
            if (!maybe) {
                return false;
            }
            Route best = null;
            for (Route route : routes.values()) {
                if (route.methods.contains(method) && route.pattern.matcher(target).matches()
                        && (best == null || parameters(route) < parameters(best))) {
                    best = route;
                }
            }
            return best != null && best.bodiless.contains(method);
        }

        private static void add(Map<String, Route> routes, String template, String method) {
            String normalised = join(template, "");
            routes.computeIfAbsent(normalised, t -> new Route(t, PathTemplates.regex(t))).methods.add(method);
        }

        String template(String path) {
            String target = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            Route best = null;
            for (Route route : routes.values()) {
                if (route.pattern.matcher(target).matches() && (best == null || parameters(route) < parameters(best))) {
                    best = route;
                }
            }
            return best == null ? null : best.template;
        }

        private static long parameters(Route route) {
            return route.template.chars().filter(c -> c == '{').count();
        }

        /** The methods of every template matching {@code path}, HEAD and OPTIONS included; empty when none. */
        Set<String> allowed(String path) {
            Set<String> methods = new TreeSet<>(METHOD_ORDER);
            String target = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            for (Route route : routes.values()) {
                if (route.pattern.matcher(target).matches()) {
                    methods.addAll(route.methods);
                }
            }
            if (!methods.isEmpty()) {
                if (methods.contains("GET")) {
                    methods.add("HEAD");
                }
                methods.add("OPTIONS");
            }
            return methods;
        }

        /** Joins two templates with one slash between them and none at the end (but for the root). */
        static String join(String left, String right) {
            String a = left == null ? "" : left;
            String b = right == null ? "" : right;
            String joined = b.isEmpty() || b.equals("/") ? a
                    : (a.endsWith("/") ? a.substring(0, a.length() - 1) : a) + (b.startsWith("/") ? b : "/" + b);
            if (!joined.startsWith("/")) {
                joined = "/" + joined;
            }
            return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
        }
    }

    private record Route(String template, Pattern pattern, Set<String> methods, Set<String> bodiless) {
        Route(String template, Pattern pattern) {
            this(template, pattern, new TreeSet<>(METHOD_ORDER), new TreeSet<>(METHOD_ORDER));
        }

        @Override
        public String toString() {
            return methods + " " + template;
        }
    }

    /** JAX-RS path templates (3.7.3) as regular expressions. */
    static final class PathTemplates {
        private PathTemplates() {
        }

        static Pattern regex(String template) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c != '{') {
                    literal.append(c);
                    i++;
                    continue;
                }
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                // A parameter: {name} or {name: regex}, where the regex may hold braces of its own.
                int depth = 0;
                int end = i;
                for (; end < template.length(); end++) {
                    char d = template.charAt(end);
                    if (d == '\\') {
                        end++;
                    } else if (d == '{') {
                        depth++;
                    } else if (d == '}' && --depth == 0) {
                        break;
                    }
                }
                if (end >= template.length()) {
                    throw new IllegalArgumentException("unbalanced braces in path template " + template);
                }
                String parameter = template.substring(i + 1, end);
                int colon = parameter.indexOf(':');
                String own = colon < 0 ? "" : parameter.substring(colon + 1).trim();
                regex.append(own.isEmpty() ? "[^/]+" : "(?:" + own + ")");
                i = end + 1;
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** For tests: the templates found, each with its methods. */
    Map<String, List<String>> templates() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        table().routes.values().forEach(r -> out.put(r.template(), new ArrayList<>(r.methods())));
        return out;
    }
}
