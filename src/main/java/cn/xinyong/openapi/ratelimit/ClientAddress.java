package cn.xinyong.openapi.ratelimit;

import cn.xinyong.openapi.platform.web.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;

/**
 * The caller's network address: the peer's, unless the peer is a trusted proxy (an address or CIDR range of
 * {@link TrustedProxies}), in which case the right-most untrusted address of {@code X-Forwarded-For} (anything left
 * of it can be forged; hops inside the trusted ranges are the proxies' own).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request, TrustedProxies trustedProxies) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return resolve(peer, request.getHeader("X-Forwarded-For"), trustedProxies);
    }

    static String resolve(String peer, String forwardedFor, TrustedProxies trustedProxies) {
        if (forwardedFor == null || !trustedProxies.trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.trusts(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
