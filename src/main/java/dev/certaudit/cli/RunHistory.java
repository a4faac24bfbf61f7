package dev.certaudit.cli;

import java.io.PrintStream;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import dev.certaudit.analysis.Status;
import dev.certaudit.job.RunRecord;

/**
 * The {@code runs} listing: a table for people, CSV and JSON for other tools (a dashboard, a trend in a
 * spreadsheet), newest run first, each with the code it exited with.
 */
enum RunHistory {

	TABLE {
		@Override
		void write(List<RunRecord> runs, PrintStream out) {
			if (runs.isEmpty()) {
				out.println("No runs yet.");
				return;
			}
			out.printf("%-6s %-19s %-19s %-10s %-4s %-40s %s%n", "RUN", "STARTED", "ENDED", "STATUS", "EXIT",
					"INVENTORIES", "COUNTS");
			for (RunRecord run : runs) {
				out.printf("%-6d %-19s %-19s %-10s %-4s %-40s %s%n", run.runId(), time(run.started()),
						time(run.ended()), (run.status() != null) ? run.status() : "-", exitCode(run),
						String.join(", ", run.inventories()), CertAuditCli.counts(run.countsByStatus()));
			}
		}
	},

	CSV {
		@Override
		void write(List<RunRecord> runs, PrintStream out) {
			out.print(String.join(",", HEADER) + "\r\n");
			for (RunRecord run : runs) {
				List<String> cells = List.of(Long.toString(run.runId()), iso(run.started()), iso(run.ended()),
						status(run), Integer.toString(exitCode(run)), String.join(" ", run.inventories()),
						Long.toString(run.endpoints()), Long.toString(run.needAction()), Long.toString(run.expiring()));
				String statusCounts = Arrays.stream(Status.values()).map((s) -> Long.toString(run.count(s)))
					.collect(Collectors.joining(","));
				out.print(cells.stream().map(RunHistory::quoted).collect(Collectors.joining(",")) + ","
						+ statusCounts + "\r\n");
			}
		}
	},

	JSON {
		@Override
		void write(List<RunRecord> runs, PrintStream out) {
			StringWriter text = new StringWriter();
			try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
				json.writeStartArray();
				for (RunRecord run : runs) {
					json.writeStartObject();
					json.writeNumberProperty("run", run.runId());
					json.writeStringProperty("started", iso(run.started()));
					json.writeStringProperty("ended", iso(run.ended()));
					json.writeStringProperty("status", status(run));
					json.writeNumberProperty("exitCode", exitCode(run));
					json.writeArrayPropertyStart("inventories");
					for (String inventory : run.inventories()) {
						json.writeString(inventory);
					}
					json.writeEndArray();
					json.writeNumberProperty("endpoints", run.endpoints());
					json.writeNumberProperty("needAction", run.needAction());
					json.writeNumberProperty("expiringWithinWarningDays", run.expiring());
					json.writeObjectPropertyStart("counts");
					for (Status status : Status.values()) {
						json.writeNumberProperty(status.name().toLowerCase(Locale.ROOT), run.count(status));
					}
					json.writeEndObject();
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			out.println(text);
		}
	};

	private static final List<String> HEADER = headers();

	abstract void write(List<RunRecord> runs, PrintStream out);

	static RunHistory named(String format) {
		return Arrays.stream(values()).filter((f) -> f.name().equalsIgnoreCase(format)).findFirst()
			.orElseThrow(() -> new UsageException("--format takes table, csv or json, got '" + format + "'"));
	}

	/** A run that never finished has no code of its own: the one its last attempt exited with, 3. */
	private static int exitCode(RunRecord run) {
		return ExitCodes.of(run.status(), run.countsByStatus());
	}

	private static String status(RunRecord run) {
		return (run.status() != null) ? run.status().name() : "";
	}

	/** Local time to the second, as the table shows it. */
	static String time(LocalDateTime time) {
		return (time != null) ? time.withNano(0).toString().replace('T', ' ') : "-";
	}

	private static String iso(LocalDateTime time) {
		return (time != null) ? time.withNano(0).toString() : "";
	}

	/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
	private static String quoted(String field) {
		return field.matches("[^,\"\r\n]*") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
	}

	private static List<String> headers() {
		List<String> header = new ArrayList<>(List.of("run", "started", "ended", "status", "exit_code",
				"inventories", "endpoints", "need_action", "expiring_within_warning_days"));
		Arrays.stream(Status.values()).map((s) -> s.name().toLowerCase(Locale.ROOT)).forEach(header::add);
		return List.copyOf(header);
	}

}
