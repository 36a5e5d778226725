package cn.xinyong.openapi.platform;

import java.time.Duration;
import java.time.Instant;

/** A clock some days ahead, to see what the service does when dates pass with no event. */
public class ShiftedTimeSource extends TimeSource {

    private final Duration shift;

    public ShiftedTimeSource(Duration shift) {
        super("Asia/Shanghai");
        this.shift = shift;
    }

    @Override
    public Instant now() {
        return super.now().plus(shift);
    }
}
