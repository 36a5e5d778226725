package cn.xinyong.openapi.eligibility;

import java.time.Duration;
import java.util.List;

/**
 * A 信易+ scheme: its benefits, where its criteria come from (a plan's words, or a stated default operators may
 * change), who may ask, how long a decision holds, and its rules.
 */
public record Scheme(String code, String name, String description, String basis, List<String> benefits, String requiredScope,
        Duration decisionTtl, boolean reportsRestrictions, List<Rule> rules) {
}
