package cn.xinyong.openapi.readmodel;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feed line that was not applied, with its 1-based line number and why. */
@Schema(description = "A feed line that was rejected")
public record Rejection(int line, String reason) {

    /** A reason may quote the line's values: a 居民身份证号码 among them is masked before it is kept or printed. */
    public Rejection {
        reason = cn.xinyong.openapi.platform.problem.LogSafe.path(reason);
    }
}
