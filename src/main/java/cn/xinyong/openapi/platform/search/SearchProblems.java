package cn.xinyong.openapi.platform.search;

import cn.xinyong.openapi.platform.problem.LogSafe;
import cn.xinyong.openapi.platform.problem.ProblemMappers;
import cn.xinyong.openapi.platform.problem.ProblemType;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How a search the cluster refused reaches the caller: 400 for a query it cannot run, 503 otherwise. */
public class SearchProblems {

    @ServerExceptionMapper
    public Response searchFailure(SearchFailure e, UriInfo uri) {
        if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
            Log.warnf("search refused a query on %s: %s", LogSafe.path(uri.getPath()), e.errorType());
            return ProblemMappers.response(ProblemType.INVALID_REQUEST, "The query could not be run with these parameters",
                    uri, List.of());
        }
        Log.warnf("search failed on %s: %s", LogSafe.path(uri.getPath()), e.getMessage());
        return Response.fromResponse(ProblemMappers.response(ProblemType.UNAVAILABLE, null, uri, List.of()))
                .header("Retry-After", "5").build();
    }
}
