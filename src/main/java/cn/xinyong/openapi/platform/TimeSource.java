package cn.xinyong.openapi.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's idea of now, in the platform's time zone: publication periods end on local dates.
 * One bean so that every rule asks the same clock.
 */
@ApplicationScoped
public class TimeSource {

    private final ZoneId zone;

    protected TimeSource(@ConfigProperty(name = "xinyong.time-zone", defaultValue = "Asia/Shanghai") String zone) {
        this.zone = ZoneId.of(zone);
    }

    /** The real clock in the platform's zone, for code outside the container (command-line tools, tests). */
    public static TimeSource system() {
        return new TimeSource("Asia/Shanghai");
    }

    public Instant now() {
        return Instant.now();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), zone);
    }

    public ZoneId zone() {
        return zone;
    }
}
