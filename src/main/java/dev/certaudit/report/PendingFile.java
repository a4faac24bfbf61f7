package dev.certaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A report file being streamed: its bytes go to a temporary file beside the target, which replaces the
 * target only once {@link #publish}ed. Closed without that, it is dropped, so a run that fails half way
 * leaves no half-written report behind.
 */
public final class PendingFile implements AutoCloseable {

	private final Path file;

	private final Path temporary;

	private final OutputStream out;

	private boolean settled;

	private PendingFile(Path file, Path temporary, OutputStream out) {
		this.file = file;
		this.temporary = temporary;
		this.out = out;
	}

	public static PendingFile beside(Path file) throws IOException {
		Path temporary = ReportFiles.temporaryBeside(file);
		try {
			return new PendingFile(file, temporary, Files.newOutputStream(temporary, StandardOpenOption.WRITE));
		}
		catch (IOException ex) {
			ReportFiles.discard(temporary);
			throw ex;
		}
	}

	/** Where the report's bytes go; whoever writes to it must flush what they buffer before {@link #publish}. */
	public OutputStream out() {
		return this.out;
	}

	/** Moves the complete file into place. */
	public void publish() throws IOException {
		this.out.close();
		ReportFiles.publish(this.temporary, this.file);
		this.settled = true;
	}

	/** Drops the file unless it was published. */
	@Override
	public void close() {
		if (this.settled) {
			return;
		}
		this.settled = true;
		try {
			this.out.close();
		}
		catch (IOException ex) {
			// The file is deleted next, so a failure to flush it loses nothing.
		}
		ReportFiles.discard(this.temporary);
	}

}
