package cn.xinyong.openapi.measures;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * When a measure applies, as data: {@code listed} (current membership of one of {@code lists}),
 * {@code seriousPenalty} (a public serious penalty within {@code withinMonths}), {@code grade} (a credit
 * grade among {@code grades}), {@code commitmentBreached} (a breached commitment within {@code withinMonths}),
 * {@code cleanRecord} (no adverse record for {@code years}), {@code representativeListed} (the legal
 * representative, or the person checked, personally holds a record of one of {@code kinds}), {@code representsDishonest} (the legal
 * representative also represents an entity on one of {@code lists}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "MeasureTrigger", description = "When the measure applies")
public record Trigger(
        @Schema(enumeration = {"listed", "seriousPenalty", "grade", "commitmentBreached", "cleanRecord",
            "representativeListed", "representsDishonest"}) String type,
        @Schema(description = "List codes (listed, representsDishonest)") List<String> lists,
        @Schema(description = "Person record kinds (representativeListed)") List<String> kinds,
        @Schema(description = "Credit grades (grade)") List<String> grades,
        @Schema(description = "Look-back in months (seriousPenalty, commitmentBreached)") Integer withinMonths,
        @Schema(description = "Years without adverse records (cleanRecord)") Integer years) {

    /** The types and the parameter each needs. */
    static final java.util.Map<String, String> TYPES = java.util.Map.of("listed", "lists", "seriousPenalty",
            "withinMonths", "grade", "grades", "commitmentBreached", "withinMonths", "cleanRecord", "years",
            "representativeListed", "kinds", "representsDishonest", "lists");

    /**
     * The person record kinds the trigger looks for in a natural person's own records (a person's check, or a
     * legal representative's): a list that is also a person record kind ({@code judgmentDefaulter},
     * {@code seriousDishonesty}) for {@code listed}, the kinds of {@code representativeListed}; empty when the
     * trigger cannot apply to a person.
     */
    public List<String> personKinds() {
        return switch (type) {
            case "listed" -> lists.stream().filter(cn.xinyong.openapi.readmodel.record.PersonRecord.KINDS::containsKey).toList();
            case "representativeListed" -> kinds;
            default -> List.of();
        };
    }

    /** Whether it looks at the legal representative's own records or the other entities they run. */
    boolean followsRepresentative() {
        return "representativeListed".equals(type) || "representsDishonest".equals(type);
    }
}
