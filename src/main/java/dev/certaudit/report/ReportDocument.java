package dev.certaudit.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.certaudit.discovery.NameResolution;
import dev.certaudit.transparency.CtDiscrepancy;

/**
 * One file of a {@link ReportFormat}, written in a single streaming pass so that memory stays bounded
 * however many endpoints a run has: {@link #begin} once, {@link #addOwners}, {@link #addDiscovery} and
 * {@link #addInstallations} in batches, {@link #add} rows in report order (most urgent first, see
 * {@link dev.certaudit.analysis.Status}), then {@link #finish} to write the file. The sections before the
 * rows are optional: a format overrides only those it writes, and the others pass it by.
 */
public interface ReportDocument extends AutoCloseable {

	void begin(RunSummary summary, Path file) throws IOException;

	/**
	 * The run's owners, those with the most endpoints needing action first (see
	 * {@link ReportQueries#owners}); called after {@link #begin}, before {@link #addDiscovery}.
	 */
	default void addOwners(List<OwnerSummary> owners) throws IOException {
	}

	/** The names discovery looked up, in name order; called after {@link #addOwners}, before {@link #add}. */
	default void addDiscovery(List<NameResolution> names) throws IOException {
	}

	/**
	 * Every endpoint that served a certificate, grouped by certificate, soonest expiry first (see
	 * {@link ReportQueries#installations}); called after {@link #addDiscovery}, before {@link #add}. The
	 * rows of one certificate may span two calls.
	 */
	default void addInstallations(List<Installation> installations) throws IOException {
	}

	/**
	 * Where a Certificate Transparency export and the run disagree, kind after kind (see
	 * {@link dev.certaudit.transparency.CtReconciliation}); called after {@link #addInstallations}, at least
	 * once (perhaps with nothing) when the run is reconciled with an export, never otherwise.
	 */
	default void addTransparency(List<CtDiscrepancy> differences) throws IOException {
	}

	void add(List<ReportRow> rows) throws IOException;

	void finish() throws IOException;

	/** Releases temporary resources without writing the file when the run fails mid-way. */
	@Override
	void close();

}
