package dev.certaudit.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every rule in {@code analysis.rules}, found there, so that adding a rule is adding its class: each
 * concrete {@link Rule} and {@link AcrossAddressesRule} in the package, made with its public constructor
 * that takes the run's {@link Thresholds}, or else its constructor without parameters. Rules are listed
 * by severity, then by {@link RuleMetadata#order()}, which is the order an endpoint's findings are
 * listed in, on every run alike.
 */
final class RuleCatalogue {

	private static final String RULES_PACKAGE = "dev.certaudit.analysis.rules";

	/** Found once per JVM: finding them reads every class file of the package, and tests make many engines. */
	private static final List<Class<?>> RULE_CLASSES = ruleClasses();

	private static final Comparator<RuleMetadata> LISTING = Comparator.comparing(RuleMetadata::severity)
		.thenComparingInt(RuleMetadata::order);

	/** A rule's metadata is a constant of its class, the same whatever thresholds the rule is made with. */
	private static final Map<String, RuleMetadata> METADATA_BY_ID = metadataById();

	private final List<Rule> endpointRules;

	private final List<AcrossAddressesRule> acrossAddressesRules;

	RuleCatalogue(Thresholds thresholds) {
		List<Object> rules = RULE_CLASSES.stream().map((type) -> make(type, thresholds)).toList();
		this.endpointRules = listed(rules, Rule.class, Rule::metadata);
		this.acrossAddressesRules = listed(rules, AcrossAddressesRule.class, AcrossAddressesRule::metadata);
	}

	/** The rules that judge one endpoint at a time. */
	List<Rule> endpointRules() {
		return this.endpointRules;
	}

	/** The rules that judge the addresses of one name together. */
	List<AcrossAddressesRule> acrossAddressesRules() {
		return this.acrossAddressesRules;
	}

	static Optional<RuleMetadata> metadata(String ruleId) {
		return Optional.ofNullable(METADATA_BY_ID.get(ruleId));
	}

	private static Map<String, RuleMetadata> metadataById() {
		RuleCatalogue catalogue = new RuleCatalogue(Thresholds.DEFAULTS);
		return Stream
			.concat(catalogue.endpointRules.stream().map(Rule::metadata),
					catalogue.acrossAddressesRules.stream().map(AcrossAddressesRule::metadata))
			.collect(Collectors.toUnmodifiableMap((metadata) -> metadata.id().value(), Function.identity()));
	}

	private static <R> List<R> listed(List<Object> rules, Class<R> kind, Function<R, RuleMetadata> metadata) {
		return rules.stream()
			.filter(kind::isInstance)
			.map(kind::cast)
			.sorted(Comparator.comparing(metadata, LISTING))
			.toList();
	}

	private static List<Class<?>> ruleClasses() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(Rule.class));
		scanner.addIncludeFilter(new AssignableTypeFilter(AcrossAddressesRule.class));
		return scanner.findCandidateComponents(RULES_PACKAGE)
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.<Class<?>>map((name) -> ClassUtils.resolveClassName(name, RuleCatalogue.class.getClassLoader()))
			.toList();
	}

	private static Object make(Class<?> type, Thresholds thresholds) {
		try {
			try {
				return type.getConstructor(Thresholds.class).newInstance(thresholds);
			}
			catch (NoSuchMethodException ex) {
				return type.getConstructor().newInstance();
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(
					type.getName() + " needs a public constructor taking the Thresholds or no parameters", ex);
		}
	}

}
