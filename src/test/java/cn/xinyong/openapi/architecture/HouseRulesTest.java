package cn.xinyong.openapi.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's rules, checked on the compiled classes: features sit above one read model and a small
 * platform; a feature never reaches into another's resources; only the read model knows the stores'
 * format; ingest knows no feature; no package cycles.
 */
class HouseRulesTest {

    static final String ROOT = "cn.xinyong.openapi";
    /** The feature packages (everything but readmodel and platform). */
    static final List<String> FEATURES = List.of("entity", "lists", "screening", "disclosure", "feeds", "statistics",
            "eligibility", "consent", "ratelimit", "ingest", "measures", "rights", "reports", "catalogue", "indicators");

    private static JavaClasses house;

    @BeforeAll
    static void importHouse() {
        house = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    static String featureOf(JavaClass c) {
        String rest = c.getPackageName().length() > ROOT.length() ? c.getPackageName().substring(ROOT.length() + 1) : "";
        String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        return FEATURES.contains(top) ? top : null;
    }

    static final DescribedPredicate<JavaClass> RESOURCE = DescribedPredicate.describe("a JAX-RS resource",
            c -> c.isAnnotatedWith(Path.class));

    @Test
    void noFeatureUsesAnotherFeaturesResource() {
        classes().should(new ArchCondition<JavaClass>("not use another feature's resource") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String mine = featureOf(c);
                c.getDirectDependenciesFromSelf().forEach(d -> {
                    JavaClass target = d.getTargetClass();
                    String theirs = featureOf(target);
                    if (RESOURCE.test(target) && theirs != null && !theirs.equals(mine)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        }).check(house);
    }

    @Test
    void noResourceInjectsAnotherResource() {
        classes().that(RESOURCE).should(new ArchCondition<JavaClass>("not depend on another resource") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getDirectDependenciesFromSelf().stream()
                        .filter(d -> RESOURCE.test(d.getTargetClass()) && !d.getTargetClass().equals(c))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(d, d.getDescription())));
            }
        }).check(house);
    }

    @Test
    void onlyTheReadModelKnowsTheStoresFormat() {
        // The Redis client is the read model's (and the rate limiter's own buckets'); its key names,
        // encoding and writers are nobody else's business.
        noClasses().that().resideOutsideOfPackages(ROOT + ".readmodel..", ROOT + ".ratelimit..", ROOT + ".platform.redis..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.redis..", "io.vertx.redis..",
                        "io.quarkus.redis..")
                .check(house);
        noClasses().that().resideOutsideOfPackage(ROOT + ".readmodel..")
                .should().dependOnClassesThat().haveNameMatching(ROOT.replace(".", "\\.")
                        + "\\.readmodel\\.(ReadModelKeys|StoredForm|SubjectWriter)(\\$.*)?")
                .check(house);
    }

    @Test
    void ingestKnowsNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".ingest..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().filter(f -> !f.equals("ingest"))
                        .map(f -> ROOT + "." + f + "..").toArray(String[]::new))
                .check(house);
    }

    @Test
    void theReadModelAndThePlatformKnowNoFeature() {
        noClasses().that().resideInAnyPackage(ROOT + ".readmodel..", ROOT + ".platform..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().map(f -> ROOT + "." + f + "..")
                        .toArray(String[]::new))
                .check(house);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(house);
    }
}
