package dev.certaudit.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads every line of the run's inventory files in order. Restart resumes after the last committed
 * line: the base class keeps the count in the step's ExecutionContext and skips that many lines.
 */
public class InventoryLineReader extends AbstractItemCountingItemStreamItemReader<InventoryLine> {

	private final List<Path> files;

	private int fileIndex;

	private int lineNumber;

	private long lineId;

	private BufferedReader current;

	public InventoryLineReader(List<Path> files) {
		this.files = List.copyOf(files);
		setName("inventoryLines");
	}

	@Override
	protected void doOpen() {
		for (Path file : this.files) {
			if (!Files.isReadable(file)) {
				throw new ItemStreamException("Inventory file not found or not readable: " + file);
			}
		}
		this.fileIndex = -1;
		this.lineId = 0;
		nextFile();
	}

	@Override
	protected InventoryLine doRead() throws IOException {
		while (this.current != null) {
			String text = this.current.readLine();
			if (text != null) {
				this.lineNumber++;
				this.lineId++;
				return new InventoryLine(this.lineId, this.files.get(this.fileIndex) + ":" + this.lineNumber, text);
			}
			this.current.close();
			nextFile();
		}
		return null;
	}

	private void nextFile() {
		this.fileIndex++;
		this.lineNumber = 0;
		if (this.fileIndex >= this.files.size()) {
			this.current = null;
			return;
		}
		try {
			this.current = Files.newBufferedReader(this.files.get(this.fileIndex), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read inventory " + this.files.get(this.fileIndex), ex);
		}
	}

	@Override
	protected void doClose() throws IOException {
		if (this.current != null) {
			this.current.close();
			this.current = null;
		}
	}

}
