package cn.xinyong.openapi.platform.web;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The proxies (load balancer, ingress controller) whose {@code X-Forwarded-For}, {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host} and {@code Forwarded} headers are believed: {@code xinyong.ratelimit.trusted-proxies}
 * ({@code XINYONG_TRUSTED_PROXIES}), a comma-separated list of IPv4 and IPv6 addresses and CIDR ranges, e.g.
 * {@code 10.0.0.0/8,127.0.0.1,::1/128}, or {@code none} to believe no proxy. Read once at start; an entry that is not an address or range stops the
 * start with a message naming it.
 */
@Startup
@ApplicationScoped
public class TrustedProxies {

    static final String PROPERTY = "xinyong.ratelimit.trusted-proxies";
    private final List<AddressRange> ranges;

    @Inject
    TrustedProxies(@ConfigProperty(name = PROPERTY) Optional<List<String>> entries) {
        this(parse(entries.orElse(List.of())));
    }

    private TrustedProxies(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Trusted proxies from their textual entries (for callers and tests outside the container). */
    public static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(parse(entries));
    }

    private static List<AddressRange> parse(List<String> entries) {
        List<AddressRange> ranges = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank() || (entries.size() == 1 && entry.strip().equalsIgnoreCase("none"))) {
                continue;
            }
            try {
                ranges.add(AddressRange.parse(entry));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " (XINYONG_TRUSTED_PROXIES) lists entries that are not IPv4 or "
                    + "IPv6 addresses or CIDR ranges: " + String.join("; ", errors));
        }
        return ranges;
    }

    /** Whether {@code address} (a literal, as the peer's address or an {@code X-Forwarded-For} hop) is a trusted proxy. */
    public boolean trusts(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        Optional<byte[]> bytes = AddressRange.literal(address.strip());
        if (bytes.isEmpty()) {
            return false;
        }
        for (AddressRange range : ranges) {
            if (range.contains(bytes.get())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
