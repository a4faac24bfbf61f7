package dev.certaudit.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.PathSetting;

/**
 * Every {@code cert-audit.*} setting, read off {@link CertAuditProperties} and the records it nests, so
 * that a setting added there is known here with nothing else to keep: the names the command line
 * accepts, what a refused value should have been, and which settings name files.
 */
final class SettingsCatalogue {

	static final String PREFIX = "cert-audit";

	private static final SettingsCatalogue CERT_AUDIT = new SettingsCatalogue(PREFIX, CertAuditProperties.class);

	private final List<Setting> settings;

	private SettingsCatalogue(String prefix, Class<?> properties) {
		List<Setting> found = new ArrayList<>();
		collect(prefix, properties, found);
		this.settings = List.copyOf(found);
	}

	static SettingsCatalogue certAudit() {
		return CERT_AUDIT;
	}

	private static void collect(String prefix, Class<?> type, List<Setting> into) {
		for (RecordComponent component : type.getRecordComponents()) {
			String key = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
			if (component.getType().isRecord()) {
				collect(key, component.getType(), into);
			}
			else {
				into.add(new Setting(key, component));
			}
		}
	}

	List<Setting> settings() {
		return this.settings;
	}

	/** The setting a name binds to, in any form Spring Boot's relaxed binding accepts ({@code retryBackoff}). */
	Optional<Setting> find(ConfigurationPropertyName name) {
		return this.settings.stream().filter((setting) -> setting.name().equals(name)).findFirst();
	}

	/**
	 * The setting an environment variable binds to: {@code CERT_AUDIT_FETCH_RETRY_BACKOFF}, or
	 * {@code CERTAUDIT_FETCH_RETRYBACKOFF} (dashes dropped), as Spring Boot maps them; a list's
	 * elements may carry an index ({@code CERT_AUDIT_MAIL_TO_0}).
	 */
	Optional<Setting> findVariable(String variable) {
		String withoutIndex = variable.replaceAll("(_\\d+)+_?$", "");
		return this.settings.stream()
			.filter((setting) -> setting.variables().contains(withoutIndex))
			.findFirst();
	}

	/**
	 * The known key nearest to a mistyped one by edit distance, if it is near enough to be what was
	 * meant: a quarter of the key's length, and at least two edits (a dropped letter and a swapped one).
	 */
	Optional<Setting> closest(String key) {
		String typed = key.toLowerCase(Locale.ROOT);
		return this.settings.stream()
			.min(Comparator.comparingInt((Setting setting) -> editDistance(typed, setting.key())))
			.filter((setting) -> editDistance(typed, setting.key()) <= Math.max(2, typed.length() / 4));
	}

	/** The same, for an environment variable, compared with each setting's variable. */
	Optional<Setting> closestVariable(String variable) {
		return this.settings.stream()
			.min(Comparator.comparingInt((Setting setting) -> editDistance(variable, setting.variable())))
			.filter((setting) -> editDistance(variable, setting.variable()) <= Math.max(2, variable.length() / 4));
	}

	/** Levenshtein distance: insertions, deletions and substitutions, one each. */
	static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * One setting: its key in the dashed form the README uses, and the record component it binds to,
	 * whose type and constraints say what values it takes.
	 */
	record Setting(String key, RecordComponent component) {

		ConfigurationPropertyName name() {
			return ConfigurationPropertyName.of(this.key);
		}

		/** The environment variable the README names for it: {@code CERT_AUDIT_FETCH_RETRIES}. */
		String variable() {
			return this.key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
		}

		List<String> variables() {
			return List.of(variable(), this.key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT));
		}

		/** The value a setting takes when nothing sets it ({@code @DefaultValue}), if it has one. */
		Optional<String> defaultValue() {
			Class<?> record = this.component.getDeclaringRecord();
			RecordComponent[] components = record.getRecordComponents();
			try {
				Parameter[] parameters = record
					.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
					.getParameters();
				int index = 0;
				while (!components[index].getName().equals(this.component.getName())) {
					index++;
				}
				DefaultValue value = parameters[index].getAnnotation(DefaultValue.class);
				return (value != null && value.value().length == 1) ? Optional.of(value.value()[0]) : Optional.empty();
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException("a record always has its canonical constructor", ex);
			}
		}

		/** A file or folder: relative values are read from where the operator stands. */
		boolean isPath() {
			return this.component.getType() == Path.class || this.component.isAnnotationPresent(PathSetting.class);
		}

		/** What the setting takes, to end "is not ...": {@code a whole number from 0 to 20}. */
		String accepts() {
			Class<?> type = this.component.getType();
			Method accessor = this.component.getAccessor();
			if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
				Min min = accessor.getAnnotation(Min.class);
				Max max = accessor.getAnnotation(Max.class);
				if (min != null && max != null) {
					return "a whole number from " + min.value() + " to " + max.value();
				}
				if (min != null) {
					return "a whole number of " + min.value() + " or more";
				}
				return (max != null) ? "a whole number up to " + max.value() : "a whole number";
			}
			if (type == boolean.class || type == Boolean.class) {
				return "true or false";
			}
			if (type == Duration.class) {
				return "a duration such as 500ms, 10s, 5m or 1h";
			}
			if (type.isEnum()) {
				return "one of " + names(type);
			}
			if (type == List.class) {
				Type element = ((ParameterizedType) this.component.getGenericType()).getActualTypeArguments()[0];
				return (element instanceof Class<?> elementType && elementType.isEnum())
						? "a comma-separated list of " + names(elementType) : "a comma-separated list";
			}
			if (isPath()) {
				return "a path";
			}
			return accessor.isAnnotationPresent(NotEmpty.class) ? "text that is not empty" : "text";
		}

		private static String names(Class<?> enumType) {
			return Arrays.stream(enumType.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}

	}

}
