package cn.xinyong.openapi.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, the body of every error this API returns. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json).",
        requiredProperties = {"type", "title", "status"})
public record Problem(
        @Schema(description = "Stable URI naming the kind of error", example = "/problems/invalid-uscc") String type,
        @Schema(description = "Short summary of the kind of error") String title,
        @Schema(description = "HTTP status code", example = "400") int status,
        @Schema(description = "What went wrong in this request") String detail,
        @Schema(description = "The request path") String instance,
        @Schema(description = "Errors by field or input position") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field's error: {@code field} names a parameter, a JSON pointer or a line number. */
    @Schema(name = "FieldError", requiredProperties = {"field", "message"})
    public record FieldError(String field, String message) {
    }
}
