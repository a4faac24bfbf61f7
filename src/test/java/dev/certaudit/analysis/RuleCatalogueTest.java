package dev.certaudit.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.CertificateGenerator;

/**
 * What makes a rule a rule here, checked for every rule at once: found by the engine, one id and place
 * of its own, metadata filled in, a twin test, and a row in README's rule table.
 */
class RuleCatalogueTest {

	private static final String RULES_PACKAGE = "dev.certaudit.analysis.rules";

	private static final Path RULES_SOURCES = Path.of("src/main/java/dev/certaudit/analysis/rules");

	private static final Path README = Path.of("README.md");

	private static final String TABLE_HEADER = "| Rule | Meaning |";

	private final AnalysisEngine engine = new AnalysisEngine(Thresholds.DEFAULTS,
			TrustAnchors.of(Set.of(CertificateGenerator.root("CN=Catalogue Test Root").certificate())));

	@Test
	void engineRunsEveryRuleClassInTheRulesPackage() throws IOException {
		List<Class<?>> registered = Stream
			.concat(this.engine.rules().stream(), this.engine.acrossAddressesRules().stream())
			.<Class<?>>map(Object::getClass)
			.toList();

		assertThat(registered).containsExactlyInAnyOrderElementsOf(ruleClassesFromSources());
	}

	@Test
	void ruleIdsAreUnique() {
		assertThat(metadata()).extracting(RuleMetadata::id).doesNotHaveDuplicates();
	}

	@Test
	void noTwoRulesOfASeverityShareAPlace() {
		assertThat(metadata()).extracting((rule) -> rule.severity() + " " + rule.order()).doesNotHaveDuplicates();
	}

	@Test
	void everyRuleSaysWhatItFindsWhatItRestsOnAndWhatToDo() {
		assertThat(metadata()).allSatisfy((rule) -> {
			assertThat(rule.description()).as(rule.id() + " description").isNotBlank().doesNotContain("\n", "|");
			assertThat(rule.source()).as(rule.id() + " source").isNotBlank();
			assertThat(rule.remediation()).as(rule.id() + " remediation").isNotBlank();
		});
	}

	/** Leadership reads these in the PDF instead of the ids: no rule id, RFC or X.509 field names. */
	@Test
	void everyRuleSaysWhatIsWrongInPlainWords() {
		assertThat(metadata()).allSatisfy((rule) -> assertThat(rule.plainReason()).as(rule.id() + " plain reason")
			.matches("[A-Z][^\\n|]{10,100}\\.")
			.doesNotContain("_", "RFC", "leaf", "SAN", "notAfter", "notBefore", "PKIX", "AIA", "OCSP", "CRL", "DHE",
					"`"));
	}

	@Test
	void everyRuleIsFoundByItsId() {
		assertThat(metadata()).allSatisfy((rule) -> assertThat(RuleMetadata.of(rule.id().value())).contains(rule));
		assertThat(RuleMetadata.of("CRIT_NO_SUCH_RULE")).isEmpty();
	}

	@Test
	void everyRuleHasATwinTestNamedAfterIt() throws IOException {
		assertThat(ruleClassesFromSources())
			.allSatisfy((rule) -> assertThatCode(() -> Class.forName(rule.getName() + "Test"))
				.as("the twin test " + rule.getSimpleName() + "Test beside the other rule tests")
				.doesNotThrowAnyException());
	}

	@Test
	void readmeRuleTableDocumentsExactlyTheRegisteredRules() throws IOException {
		String expected = metadata().stream()
			.map((rule) -> "| `" + rule.id() + "` | " + rule.description() + " |")
			.collect(Collectors.joining("\n", TABLE_HEADER + "\n|---|---|\n", ""));

		assertThat(readmeRuleTable())
			.as("README.md's rule table under \"What is checked\" should read, from the rules' metadata:%n%s", expected)
			.isEqualTo(expected);
	}

	/** Every rule's metadata, as README lists them: by severity, then by place. */
	private List<RuleMetadata> metadata() {
		return Stream
			.concat(this.engine.rules().stream().map(Rule::metadata),
					this.engine.acrossAddressesRules().stream().map(AcrossAddressesRule::metadata))
			.sorted(Comparator.comparing(RuleMetadata::severity).thenComparingInt(RuleMetadata::order))
			.toList();
	}

	/**
	 * The rule classes as the source tree has them, independent of how the engine finds them: every
	 * concrete rule of either kind; abstract classes such as {@code ExpiringRule} only share code.
	 */
	private static List<Class<?>> ruleClassesFromSources() throws IOException {
		try (Stream<Path> sources = Files.walk(RULES_SOURCES)) {
			return sources.filter((path) -> path.toString().endsWith(".java"))
				.map((path) -> RULES_PACKAGE + "."
						+ RULES_SOURCES.relativize(path).toString().replace(".java", "").replace('/', '.'))
				.<Class<?>>map(RuleCatalogueTest::load)
				.filter((type) -> Rule.class.isAssignableFrom(type) || AcrossAddressesRule.class.isAssignableFrom(type))
				.filter((type) -> !Modifier.isAbstract(type.getModifiers()))
				.toList();
		}
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readmeRuleTable() throws IOException {
		List<String> lines = Files.readAllLines(README);
		int section = lines.indexOf("### What is checked");
		assertThat(section).as("README.md's \"What is checked\" section").isNotNegative();
		int header = lines.subList(section, lines.size()).indexOf(TABLE_HEADER);
		assertThat(header).as("the rule table in \"What is checked\"").isNotNegative();
		return lines.subList(section + header, lines.size())
			.stream()
			.takeWhile((line) -> line.startsWith("|"))
			.collect(Collectors.joining("\n"));
	}

}
