package dev.certaudit.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.certaudit.PrivateFiles;

/** Reports are written beside their target and moved into place, so nobody ever reads a half-written file. */
public final class ReportFiles {

	private static final Logger log = LoggerFactory.getLogger(ReportFiles.class);

	private ReportFiles() {
	}

	/**
	 * The file name of a run's report in the given format: dated by the run's start, so a run restarted
	 * the next day writes, and mails, the same files.
	 */
	public static String name(RunSummary summary, String extension) {
		return "cert-audit-" + ReportFormatting.date(summary.startedAt()) + "." + extension;
	}

	/** A report of one part of the run, such as {@code cert-audit-2026-05-22-findings.csv}. */
	public static String name(RunSummary summary, String part, String extension) {
		return "cert-audit-" + ReportFormatting.date(summary.startedAt()) + "-" + part + "." + extension;
	}

	/**
	 * A fresh, empty file in the target's directory, which keeps the final move a rename; created with
	 * the permissions the published report keeps ({@link PrivateFiles}).
	 */
	public static Path temporaryBeside(Path file) throws IOException {
		Path absolute = file.toAbsolutePath();
		PrivateFiles.createFolders(absolute.getParent());
		return PrivateFiles
			.createFile(absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp"));
	}

	/**
	 * Removes what a run killed while writing its reports left in their folder, so the restart that
	 * writes them anew leaves nothing hidden behind.
	 */
	public static void discardLeftovers(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, ".cert-audit-*.tmp")) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
	}

	public static void publish(Path temporary, Path file) throws IOException {
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Removes a temporary file that will not be published. Runs on failure paths, so it only logs: the
	 * failure that got us here is the one worth reporting, and a stray hidden file harms nobody.
	 */
	public static void discard(Path temporary) {
		try {
			Files.deleteIfExists(temporary);
		}
		catch (IOException ex) {
			log.warn("Could not delete temporary report file {}", temporary, ex);
		}
	}

}
