package io.creditscoring.standalone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module boundaries, checked on the compiled main classes of every module (the standalone depends on all of
 * them): services never import each other, the scoring path reaches no training code and no GPL library, the
 * plain libraries stay free of Spring, controllers never talk to the database themselves, and only the
 * model-registry library queries the registry's tables.
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
        "io.creditscoring.security..",
        "io.creditscoring.lifecycle.."
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

    @Test
    void onlyTheModelRegistryNamesTheRegistryTablesInSql() {
        Set<String> tables = tablesCreatedBy("classpath*:db/migration/registry/*.sql", "registry");
        assertThat(tables).contains("model_versions", "model_aliases", "reference_rows");
        Pattern table = Pattern.compile("\\bregistry\\.(" + String.join("|", tables) + ")\\b");
        classes()
                .that()
                .resideOutsideOfPackage("io.creditscoring.registry..")
                .should(nameNoTableInStringConstants(table))
                .because("scoring, drift and training read and write the registry through ModelRegistry, so that"
                        + " its tables can change in one module")
                .check(classes);
    }

    /**
     * The tables a schema's Flyway migrations create (unqualified: Flyway sets the schema), so that a new table is
     * covered without editing this test.
     */
    private static Set<String> tablesCreatedBy(String migrations, String schema) {
        Pattern create =
                Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:" + schema + "\\.)?(\\w+)");
        Set<String> tables = new TreeSet<>();
        try {
            for (Resource migration : new PathMatchingResourcePatternResolver().getResources(migrations)) {
                Matcher m = create.matcher(migration.getContentAsString(StandardCharsets.UTF_8));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /**
     * Looks at the string constants of the compiled class (SQL literals, text blocks and the recipes of string
     * concatenation all land in its constant pool): ArchUnit itself does not see constants.
     */
    private static ArchCondition<JavaClass> nameNoTableInStringConstants(Pattern table) {
        return new ArchCondition<>("name no table matching " + table + " in a string constant") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String constant : stringConstants(javaClass)) {
                    Matcher m = table.matcher(constant);
                    if (m.find()) {
                        events.add(SimpleConditionEvent.violated(
                                javaClass, javaClass.getName() + " names " + m.group() + " in SQL"));
                    }
                }
            }
        };
    }

    private static List<String> stringConstants(JavaClass javaClass) {
        String resource = javaClass.getName().replace('.', '/') + ".class";
        try (InputStream in = ModuleBoundariesTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file " + resource + " on the classpath");
            }
            List<String> constants = new ArrayList<>();
            for (PoolEntry entry : ClassFile.of().parse(in.readAllBytes()).constantPool()) {
                if (entry instanceof StringEntry string) {
                    constants.add(string.stringValue());
                }
            }
            return constants;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
