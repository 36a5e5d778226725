package cn.xinyong.openapi.readmodel;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feed line that was not applied, with its 1-based line number and why. */
@Schema(description = "A feed line that was rejected")
public record Rejection(int line, String reason) {
}
