package dev.certaudit.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.RunChanges;
import dev.certaudit.report.ReportRow;

/**
 * Endpoints that need action as a mail lists them: those that began failing since the previous run of
 * the same inventories first, since they are news, then the others, most urgent first; at most a limit
 * in all, so a mail stays readable, with the count of those left out.
 * @param newlyFailing listed endpoints that were fine in the previous run and fail now
 * @param others listed endpoints that needed action already, or whose status is no news
 * @param total every endpoint needing action, listed or not
 */
public record ActionList(List<ReportRow> newlyFailing, List<ReportRow> others, long total) {

	public static final ActionList NONE = new ActionList(List.of(), List.of(), 0);

	public ActionList {
		newlyFailing = List.copyOf(newlyFailing);
		others = List.copyOf(others);
	}

	/** Endpoints needing action beyond those listed. */
	public long unlisted() {
		return this.total - this.newlyFailing.size() - this.others.size();
	}

	/** Every listed row, newly failing first. */
	public List<ReportRow> listed() {
		List<ReportRow> listed = new ArrayList<>(this.newlyFailing);
		listed.addAll(this.others);
		return listed;
	}

	/** The same list with each row replaced, as when its findings are read in. */
	ActionList map(UnaryOperator<ReportRow> replacement) {
		return new ActionList(this.newlyFailing.stream().map(replacement).toList(),
				this.others.stream().map(replacement).toList(), this.total);
	}

	/**
	 * Gathers a list from rows handed over most urgent first, keeping only what it lists, so memory stays
	 * bounded whatever the estate.
	 */
	static final class Builder {

		private final int limit;

		private final Set<Endpoint> newlyFailingEndpoints;

		private final List<ReportRow> newlyFailing = new ArrayList<>();

		private final List<ReportRow> others = new ArrayList<>();

		private long total;

		/** @param changes since the previous run; its newly failing endpoints are listed first */
		Builder(int limit, RunChanges changes) {
			this.limit = limit;
			this.newlyFailingEndpoints = changes.changes()
				.stream()
				.filter((change) -> change.kind() == ChangeKind.NEWLY_FAILING)
				.map((change) -> new Endpoint(change.host(), change.port(), change.protocol(), change.address()))
				.collect(Collectors.toUnmodifiableSet());
		}

		void add(ReportRow row) {
			this.total++;
			if (this.newlyFailingEndpoints.contains(Endpoint.of(row))) {
				if (this.newlyFailing.size() < this.limit) {
					this.newlyFailing.add(row);
				}
			}
			else if (this.others.size() < this.limit) {
				this.others.add(row);
			}
		}

		ActionList build() {
			int othersListed = Math.max(0, this.limit - this.newlyFailing.size());
			return new ActionList(this.newlyFailing, this.others.subList(0, Math.min(othersListed, this.others.size())),
					this.total);
		}

	}

	/** An endpoint as the run comparison names it: name, port, protocol and the address it was reached at. */
	private record Endpoint(String host, int port, String protocol, String address) {

		Endpoint {
			address = Objects.requireNonNullElse(address, "");
		}

		static Endpoint of(ReportRow row) {
			return new Endpoint(row.host(), row.port(), row.protocol(), row.address());
		}

	}

}
