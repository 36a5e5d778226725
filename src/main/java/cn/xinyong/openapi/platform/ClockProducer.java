package cn.xinyong.openapi.platform;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's clock, in the platform's time zone: publication periods end on local dates. */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "xinyong.time-zone", defaultValue = "Asia/Shanghai") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
