package dev.certaudit.analysis;

/** How urgently a finding needs a person. Ordered from most to least urgent. */
public enum Severity {
	CRITICAL, WARNING, INFO
}
