package dev.certaudit.notify;

import org.junit.jupiter.api.Test;

import dev.certaudit.report.ReportFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubjectTemplateTest {

	@Test
	void everyPlaceholderIsReplacedByTheRunsValue() {
		SubjectTemplate template = SubjectTemplate.parse("run {run} {date}: {total} total, {problems} problems, "
				+ "{error} error, {expired} expired, {not-yet-valid} not yet valid, {critical} critical, "
				+ "{warning} warning, {ok} ok; {organisation}");

		assertThat(template.render(ReportFixtures.summary())).isEqualTo("run 42 2026-05-22: 7 total, 5 problems, "
				+ "1 error, 1 expired, 1 not yet valid, 1 critical, 1 warning, 2 ok; Example Org");
	}

	@Test
	void textWithoutPlaceholdersIsKeptAsWritten() {
		assertThat(SubjectTemplate.parse("Nightly TLS audit: $5 & 100%").render(ReportFixtures.summary()))
			.isEqualTo("Nightly TLS audit: $5 & 100%");
	}

	@Test
	void aPlaceholderMayRepeat() {
		assertThat(SubjectTemplate.parse("{run}/{run}").render(ReportFixtures.summary())).isEqualTo("42/42");
	}

	@Test
	void unknownPlaceholderIsRefusedNamingTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTemplate.parse("run {runid} done"))
			.withMessage("cert-audit.mail.subject: unknown placeholder {runid}; known: {run}, {date}, {total}, "
					+ "{problems}, {error}, {expired}, {not-yet-valid}, {critical}, {warning}, {ok}, {organisation}");
	}

	@Test
	void placeholderNamesAreCaseSensitive() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTemplate.parse("{Run}"))
			.withMessageStartingWith("cert-audit.mail.subject: unknown placeholder {Run};");
	}

	@Test
	void lineBreaksCannotSmuggleHeadersIntoTheSubject() {
		assertThat(SubjectTemplate.parse("audit {run}\r\nBcc: someone@example.test\n").render(ReportFixtures.summary()))
			.isEqualTo("audit 42 Bcc: someone@example.test");
	}

}
