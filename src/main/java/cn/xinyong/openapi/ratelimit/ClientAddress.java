package cn.xinyong.openapi.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The caller's network address: the peer's, unless the peer is a trusted proxy, in which case the
 * right-most untrusted address of {@code X-Forwarded-For} (anything left of it can be forged).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request, List<String> trustedProxies) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return resolve(peer, request.getHeader("X-Forwarded-For"), trustedProxies);
    }

    static String resolve(String peer, String forwardedFor, List<String> trustedProxies) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
