package cn.xinyong.openapi.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rate-limit bucket (endpoint group) a resource method counts against, declared where the route is: on the
 * method, or on its class for all of them; without it, {@value #LOOKUPS}. The plans give each group its rate
 * (xinyong.ratelimit.plans.PLAN.GROUP).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimitGroup {

    String LOOKUPS = "lookups";
    String SEARCH = "search";
    String SCREENING = "screening";
    String EXPORTS = "exports";
    /** Change feeds: pages of up to 1,000 changes, generous enough that an anonymous mirror keeps up. */
    String FEEDS = "feeds";
    String ELIGIBILITY = "eligibility";
    String PERSONS = "persons";

    String value();
}
