package io.creditscoring.standalone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module boundaries, checked on the compiled main classes of every module (the standalone depends on all of
 * them): services never import each other, the scoring path reaches no training code and no GPL library, the
 * plain libraries stay free of Spring, controllers never talk to the database themselves.
 */
class ModuleBoundariesTest {

    static final List<String> SERVICES = List.of(
            "io.creditscoring.ingestion..",
            "io.creditscoring.training..",
            "io.creditscoring.scoring..",
            "io.creditscoring.drift..",
            // the console reads and acts through the services' REST APIs only
            "io.creditscoring.console..");

    /** scoring-api and every module it depends on. */
    static final String[] SCORING_PATH = {
        "io.creditscoring.scoring..",
        "io.creditscoring.model..",
        "io.creditscoring.pipeline..",
        "io.creditscoring.export..",
        "io.creditscoring.registry..",
        "io.creditscoring.catalog..",
        "io.creditscoring.web..",
        "io.creditscoring.kafka..",
        "io.creditscoring.security.."
    };

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.creditscoring");
    }

    @Test
    void servicesNeverImportEachOther() {
        for (String service : SERVICES) {
            noClasses()
                    .that()
                    .resideInAPackage(service)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(SERVICES.stream()
                            .filter(other -> !other.equals(service))
                            .toArray(String[]::new))
                    .because("services talk over HTTP and Kafka; shared code lives in a library module")
                    .check(classes);
        }
    }

    @Test
    void theScoringPathReachesNoTrainingCodeAndNoGplLibrary() {
        noClasses()
                .that()
                .resideInAnyPackage(SCORING_PATH)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.creditscoring.training..", "smile..", "org.jpmml..")
                .because("Smile is GPL-3.0 and the JPMML evaluator AGPL-3.0: the scoring path must carry neither")
                .check(classes);
    }

    @Test
    void commonModelAndModelPipelineImportNoSpring() {
        noClasses()
                .that()
                .resideInAnyPackage("io.creditscoring.model..", "io.creditscoring.pipeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .because("they are plain Java, shared by every service and by tools")
                .check(classes);
    }

    @Test
    void controllersDoNotUseJdbc() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
                .because("a controller maps HTTP to a service or repository, which owns the queries")
                .check(classes);
    }
}
