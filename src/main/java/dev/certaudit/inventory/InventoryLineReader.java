package dev.certaudit.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import dev.certaudit.inventory.SourceKind.Entry;

/**
 * Reads every entry of the run's inventories in order, each as its {@link SourceKind} reads it: the
 * lines of host and domain lists, the names of zone files, the certificate files of {@code --certs}
 * paths. Restart resumes after the last committed entry: the base class keeps the count in the step's
 * ExecutionContext and skips that many.
 */
public class InventoryLineReader extends AbstractItemCountingItemStreamItemReader<InventoryLine> {

	private final List<InventorySource> sources;

	private final ZoneSettings zone;

	private int sourceIndex;

	private long lineId;

	private Stream<Entry> entries;

	private Iterator<Entry> next;

	/** @param zone how much of a zone file to read */
	public InventoryLineReader(List<InventorySource> sources, ZoneSettings zone) {
		this.sources = List.copyOf(sources);
		this.zone = zone;
		setName("inventoryLines");
	}

	@Override
	protected void doOpen() throws IOException {
		for (InventorySource source : this.sources) {
			if (!Files.isReadable(source.path())) {
				throw new ItemStreamException("Inventory file not found or not readable: " + source.path());
			}
		}
		this.sourceIndex = -1;
		this.lineId = 0;
		nextSource();
	}

	@Override
	protected InventoryLine doRead() throws IOException {
		try {
			while (this.sourceIndex < this.sources.size()) {
				if (this.next.hasNext()) {
					Entry entry = this.next.next();
					return new InventoryLine(++this.lineId, this.sources.get(this.sourceIndex).kind(), entry.origin(),
							entry.text(), entry.zoneName());
				}
				nextSource();
			}
			return null;
		}
		catch (UncheckedIOException ex) {
			// a file that went away since the run started: the step fails with the reader's own error
			throw ex.getCause();
		}
	}

	private void nextSource() throws IOException {
		doClose();
		this.sourceIndex++;
		if (this.sourceIndex < this.sources.size()) {
			InventorySource source = this.sources.get(this.sourceIndex);
			this.entries = source.kind().entries(source.path(), this.zone);
			this.next = this.entries.iterator();
		}
	}

	@Override
	protected void doClose() {
		if (this.entries != null) {
			this.entries.close();
			this.entries = null;
			this.next = null;
		}
	}

}
