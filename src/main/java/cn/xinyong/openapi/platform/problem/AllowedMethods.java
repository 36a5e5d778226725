package cn.xinyong.openapi.platform.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path answers, from the service's own contract (the OpenAPI document Quarkus generates at
 * build time, the one {@code /q/openapi} serves and the tests keep equal to {@code openapi/openapi.yaml}): a 405
 * names them in {@code Allow} (RFC 9110 §15.5.6), which the REST layer leaves out.
 */
@ApplicationScoped
public class AllowedMethods {

    /** Where Quarkus puts the generated document. */
    static final String DOCUMENT = "META-INF/quarkus-generated-openapi-doc.JSON";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private record Route(Pattern path, String allow) {
    }

    private final List<Route> routes;

    AllowedMethods(ObjectMapper json) {
        this.routes = load(json);
    }

    /** The {@code Allow} value for a request path, or null when the contract has no such path. */
    public String allow(String path) {
        if (path == null) {
            return null;
        }
        for (Route r : routes) {
            if (r.path().matcher(path).matches()) {
                return r.allow();
            }
        }
        return null;
    }

    private static List<Route> load(ObjectMapper json) {
        List<Route> out = new ArrayList<>();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                Log.warnf("no %s on the class path: 405 answers will not name the allowed methods", DOCUMENT);
                return out;
            }
            Iterator<java.util.Map.Entry<String, JsonNode>> paths = json.readTree(in).path("paths").fields();
            while (paths.hasNext()) {
                var p = paths.next();
                Set<String> methods = new TreeSet<>();
                p.getValue().fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m)) {
                        methods.add(m.toUpperCase(Locale.ROOT));
                    }
                });
                if (methods.contains("GET")) {
                    methods.add("HEAD");
                }
                methods.add("OPTIONS");
                out.add(new Route(Pattern.compile(template(p.getKey())), String.join(", ", methods)));
            }
        } catch (IOException e) {
            Log.warnf("cannot read %s: %s", DOCUMENT, e.getMessage());
        }
        // Literal segments before templates: /v1/measures/check/person before /v1/measures/check/{uscc}.
        out.sort(java.util.Comparator.comparingLong((Route r) -> r.path().pattern().chars().filter(c -> c == '[').count()));
        return List.copyOf(out);
    }

    /** {@code /v1/entities/{uscc}} as a regular expression matching one segment per parameter. */
    static String template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return regex.toString();
    }
}
