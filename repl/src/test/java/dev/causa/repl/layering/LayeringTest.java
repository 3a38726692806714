package dev.causa.repl.layering;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.causa.repl.layering.fixture.BadFrontEnd;
import dev.causa.engine.model.fixture.BadModel;
import dev.causa.engine.store.EventTransport;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import dev.causa.engine.store.WorkQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plan of the house, read from the bytecode: engine packages import each other without cycles, the domain
 * model imports nothing of the engine, engine parts do not reach up into the façade, and the front ends (the REPL
 * and the HTTP server) reach the engine only through the façade and what it hands out (never the job manager,
 * PF4J or a storage backend).
 */
class LayeringTest {

    private static final String ENGINE = "dev.causa.engine";

    /** No cycles among the engine's packages (the façade's own package is checked by the next rule). */
    static final ArchRule NO_CYCLES = slices().matching(ENGINE + ".(*)..").should().beFreeOfCycles()
            .because("a package is read and changed on its own only if nothing it imports imports it back");

    /** Parts of the engine never use the façade; scripts are a front end inside the engine and may. */
    static final ArchRule PARTS_BELOW_FACADE = noClasses()
            .that().resideInAPackage(ENGINE + "..").and().resideOutsideOfPackages(ENGINE, ENGINE + ".script..")
            .should().dependOnClassesThat().resideInAPackage(ENGINE)
            .because("the façade is built from the parts, so a part that uses it makes a cycle");

    /** Scripts use the façade, so the façade never uses scripts: front ends make the script runner. */
    static final ArchRule FACADE_NOT_ON_SCRIPTS = noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage(ENGINE + ".script..")
            .because("script depends on Causa; the other way round would be a cycle through the façade");

    static final ArchRule MODEL_STANDS_ALONE = noClasses().that().resideInAPackage(ENGINE + ".model..")
            .should().dependOnClassesThat(resideInAPackage(ENGINE + "..").and(not(resideInAPackage(ENGINE + ".model.."))))
            .because("the domain model (jobs, actions, states, history, errors, ids) is what every part shares");

    static final ArchRule FRONT_END_THROUGH_FACADE = noClasses().that().resideInAnyPackage("dev.causa.repl..",
                    "dev.causa.server..")
            .should().dependOnClassesThat(resideInAnyPackage(ENGINE + ".job..", ENGINE + ".store.mapdb..",
                    ENGINE + ".store.local..", ENGINE + ".store.postgres..", "org.pf4j..", "org.mapdb..")
                    .or(belongToAnyOf(Store.class, RecordStore.class, WorkQueue.class, EventTransport.class)))
            .because("the front end talks to the engine through Causa: no job manager, plugin manager or backend");

    private static JavaClasses shipped;

    @BeforeAll
    static void importShippedClasses() {
        shipped = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE, "dev.causa.repl", "dev.causa.server");
    }

    @Test
    void enginePackagesHaveNoCycles() {
        NO_CYCLES.check(shipped);
    }

    @Test
    void enginePartsDoNotUseTheFacade() {
        PARTS_BELOW_FACADE.check(shipped);
    }

    @Test
    void theFacadeDoesNotUseScripts() {
        FACADE_NOT_ON_SCRIPTS.check(shipped);
    }

    @Test
    void theDomainModelImportsNothingOfTheEngine() {
        MODEL_STANDS_ALONE.check(shipped);
    }

    @Test
    void theFrontEndReachesTheEngineOnlyThroughTheFacade() {
        FRONT_END_THROUGH_FACADE.check(shipped);
    }

    /** The rules can fail: each finds the forbidden import in a class written to break it. */
    @Test
    void aForbiddenImportIsFound() {
        JavaClasses bad = new ClassFileImporter().importClasses(BadModel.class, BadFrontEnd.class,
                dev.causa.engine.job.JobManager.class, dev.causa.engine.model.JobRecord.class);
        assertThatThrownBy(() -> MODEL_STANDS_ALONE.check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("BadModel");
        assertThatThrownBy(() -> FRONT_END_THROUGH_FACADE.check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("BadFrontEnd");
        assertThatThrownBy(() -> NO_CYCLES.check(bad)).isInstanceOf(AssertionError.class);
    }
}
