package io.mixrec;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout rules of the house style: feature packages free of cycles, and the EM engine
 * free of framework, persistence and serialisation dependencies so that it can be used
 * (and later distributed) on its own.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.mixrec");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("io.mixrec.(*)..").should().beFreeOfCycles().check(MAIN_CLASSES);
	}

	@Test
	void engineDependsOnNoFramework() {
		noClasses().that()
			.resideInAPackage("io.mixrec.em..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta..", "java.sql..", "javax.sql..", "tools.jackson..",
					"com.fasterxml..", "io.micrometer..", "org.hibernate..")
			.allowEmptyShould(true)
			.check(MAIN_CLASSES);
	}

}
