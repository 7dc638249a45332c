package io.mixrec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout rules of the house style: feature packages free of cycles, the EM engine
 * free of framework, persistence and serialisation dependencies so that it can be used
 * (and later distributed) on its own, and one owner per table: each table of
 * {@code db/migration} is read and written by SQL in its owning feature only, whose
 * persistence classes are package-private. Other features ask the owner's small public
 * API ({@code ratings.RatingLoader}, {@code ratings.ItemCatalogue},
 * {@code model.ModelStore}, ...).
 */
class ArchitectureTests {

	private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.mixrec");

	/**
	 * The feature package that owns each table and SQL function of the schema.
	 * {@code model_versions} is the one table with two owners: a row is a refit run while
	 * it runs (lease, heartbeat, cancel, outcome: {@code refit}) and the model version it
	 * produced afterwards (which serves: {@code model}); splitting the row is a schema
	 * change of its own.
	 */
	private static final Map<String, Set<String>> OWNERS = Map.ofEntries(Map.entry("users", Set.of("ratings")),
			Map.entry("items", Set.of("ratings")), Map.entry("ratings", Set.of("ratings")),
			Map.entry("rating_changes", Set.of("ratings")), Map.entry("ratings_changed_since", Set.of("ratings")),
			Map.entry("model_versions", Set.of("model", "refit")), Map.entry("model_clusters", Set.of("model")),
			Map.entry("model_parameters", Set.of("model")), Map.entry("model_components", Set.of("model")),
			Map.entry("active_model", Set.of("model")), Map.entry("model_activations", Set.of("model")),
			Map.entry("api_keys", Set.of("security")));

	/** Where SQL names a table (or calls a function) in a string of the code. */
	private static final Pattern SQL_NAME = Pattern.compile(
			"\\b(?:from|into|update|join|table|truncate|copy)\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)|'([a-z_][a-z0-9_]*)'::regclass|\\b(ratings_changed_since)\\s*\\(",
			Pattern.CASE_INSENSITIVE);

	/** Where JPA maps an entity to a table. */
	private static final Pattern JPA_TABLE = Pattern.compile("@Table\\s*\\(\\s*name\\s*=\\s*\"([a-z_][a-z0-9_]*)\"");

	private static final Path MAIN_SOURCES = Path.of("src/main/java/io/mixrec");

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

	@Test
	void persistenceClassesArePackagePrivate() {
		classes().that()
			.areAnnotatedWith(Repository.class)
			.or()
			.areAssignableTo(org.springframework.data.repository.Repository.class)
			.or()
			.areAnnotatedWith(Entity.class)
			.or()
			.haveSimpleNameEndingWith("Repository")
			.should()
			.notBePublic()
			.because("a table's owner exposes what others need as a small API, not its persistence")
			.check(MAIN_CLASSES);
	}

	@Test
	void featuresWithoutTablesUseNoDatabaseConnection() {
		noClasses().that()
			.resideInAnyPackage("io.mixrec.recommend..", "io.mixrec.dashboard..", "io.mixrec.web..",
					"io.mixrec.openapi..", "io.mixrec.cli..", "io.mixrec.tabular..", "io.mixrec.em..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc.core..", "org.springframework.jdbc.datasource..",
					"org.springframework.data.repository..", "javax.sql..", "org.postgresql..", "jakarta.persistence..")
			.because("they own no table: they ask the owner's API")
			.check(MAIN_CLASSES);
	}

	@Test
	void everyTableOfTheSchemaHasAnOwner() throws IOException {
		Set<String> tables = new TreeSet<>();
		Pattern create = Pattern.compile("create\\s+(?:table|function)\\s+([a-z_][a-z0-9_]*)",
				Pattern.CASE_INSENSITIVE);
		try (Stream<Path> scripts = Files.list(Path.of("db/migration"))) {
			for (Path script : scripts.filter((p) -> p.toString().endsWith(".sql")).toList()) {
				Matcher m = create.matcher(Files.readString(script));
				while (m.find()) {
					tables.add(m.group(1).toLowerCase(Locale.ROOT));
				}
			}
		}
		// the trigger functions are called by the schema only
		tables.removeAll(Set.of("record_rating_change", "record_rating_truncate", "prune_rating_changes"));
		assertThat(tables).isNotEmpty();
		assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(tables);
	}

	@Test
	void sqlNamesOnlyTablesOwnedByItsFeature() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
			for (Path source : sources.filter((p) -> p.toString().endsWith(".java")).toList()) {
				String feature = feature(source);
				String code = Files.readString(source);
				List<String> names = new ArrayList<>();
				for (String literal : StringLiterals.of(code)) {
					Matcher m = SQL_NAME.matcher(literal);
					while (m.find()) {
						String name = (m.group(1) != null) ? m.group(1)
								: (m.group(2) != null) ? m.group(2) : m.group(3);
						names.add(name.toLowerCase(Locale.ROOT));
					}
				}
				Matcher jpa = JPA_TABLE.matcher(code);
				while (jpa.find()) {
					names.add(jpa.group(1));
				}
				for (String name : names) {
					Set<String> owners = OWNERS.get(name);
					if (owners != null && !owners.contains(feature)) {
						violations.add(MAIN_SOURCES.relativize(source) + " names " + name + ", owned by " + owners);
					}
				}
			}
		}
		assertThat(violations).as("SQL naming a table outside its owning feature").isEmpty();
	}

	@Test
	void sqlScanFindsTablesInStringsAndTextBlocksOnly() {
		String code = """
				// select * from ratings
				/* update items set title = null */
				String a = "select count(*) from ratings where x = '\\"'";
				char c = '"';
				String b = \"""
				    insert into model_versions (status)
				    values ('running')
				    \""";
				""";
		List<String> literals = StringLiterals.of(code);
		assertThat(literals).hasSize(2);
		assertThat(SQL_NAME.matcher(literals.get(0)).results().map((m) -> m.group(1))).contains("ratings");
		assertThat(SQL_NAME.matcher(literals.get(1)).results().map((m) -> m.group(1))).contains("model_versions");
	}

	private static String feature(Path source) {
		Path relative = MAIN_SOURCES.relativize(source);
		return (relative.getNameCount() > 1) ? relative.getName(0).toString() : "";
	}

	/**
	 * The contents of the string literals and text blocks of Java source, skipping
	 * comments and character literals, so that prose about a table in a comment is not
	 * taken for SQL.
	 */
	static final class StringLiterals {

		private StringLiterals() {
		}

		static List<String> of(String code) {
			List<String> literals = new ArrayList<>();
			int at = 0;
			int n = code.length();
			while (at < n) {
				char c = code.charAt(at);
				if (code.startsWith("//", at)) {
					at = lineEnd(code, at);
				}
				else if (code.startsWith("/*", at)) {
					int end = code.indexOf("*/", at + 2);
					at = (end < 0) ? n : end + 2;
				}
				else if (code.startsWith("\"\"\"", at)) {
					int end = closing(code, at + 3, "\"\"\"");
					literals.add(code.substring(at + 3, end));
					at = end + 3;
				}
				else if (c == '"') {
					int end = closing(code, at + 1, "\"");
					literals.add(code.substring(at + 1, end));
					at = end + 1;
				}
				else if (c == '\'') {
					at = closing(code, at + 1, "'") + 1;
				}
				else {
					at++;
				}
			}
			return literals;
		}

		private static int lineEnd(String code, int at) {
			int end = code.indexOf('\n', at);
			return (end < 0) ? code.length() : end;
		}

		/** The index of the unescaped {@code quote} from {@code at} on. */
		private static int closing(String code, int at, String quote) {
			int k = at;
			while (k < code.length() && !code.startsWith(quote, k)) {
				k += (code.charAt(k) == '\\') ? 2 : 1;
			}
			return Math.min(k, code.length());
		}

	}

}
