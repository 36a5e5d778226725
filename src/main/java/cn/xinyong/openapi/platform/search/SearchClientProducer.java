package cn.xinyong.openapi.platform.search;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The OpenSearch client: opensearch-java's generic (JSON in, JSON out) client over the non-blocking
 * Apache HttpClient 5 transport. Produced as {@code @Singleton} because the client class cannot be proxied.
 */
@Singleton
public class SearchClientProducer {

    private final OpenSearchTransport transport;

    SearchClientProducer(SearchConfig config) {
        HttpHost[] hosts = config.hosts().stream().map(SearchClientProducer::host).toArray(HttpHost[]::new);
        this.transport = ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper())
                .setHttpClientConfigCallback(http -> {
                    http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(config.maxConnections() * hosts.length)
                            .setMaxConnPerRoute(config.maxConnections())
                            .build());
                    return config.compression() ? http : http.disableContentCompression();
                })
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(Timeout.ofMilliseconds(config.connectTimeout().toMillis()))
                        .setResponseTimeout(Timeout.ofMilliseconds(config.responseTimeout().toMillis())))
                .build();
    }

    private static HttpHost host(String url) {
        try {
            return HttpHost.create(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("xinyong.opensearch.hosts: not a URL: " + url, e);
        }
    }

    @Produces
    @Singleton
    OpenSearchGenericClient genericClient() {
        return new OpenSearchGenericClient(transport);
    }

    @PreDestroy
    void close() {
        try {
            transport.close();
        } catch (IOException e) {
            Log.warn("closing the OpenSearch transport failed", e);
        }
    }
}
