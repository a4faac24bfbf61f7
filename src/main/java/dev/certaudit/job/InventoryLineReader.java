package dev.certaudit.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import dev.certaudit.discovery.ZoneFile;
import dev.certaudit.discovery.ZoneFile.ZoneName;
import dev.certaudit.inventory.CertificateFiles;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;

/**
 * Reads every entry of the run's inventories in order: the lines of host and domain lists, the names
 * of zone files, the certificate files of {@code --certs} paths. Restart resumes after the last committed entry: the base class keeps the count in
 * the step's ExecutionContext and skips that many.
 */
public class InventoryLineReader extends AbstractItemCountingItemStreamItemReader<InventoryLine> {

	private final List<InventorySource> sources;

	private int sourceIndex;

	private int lineNumber;

	private long lineId;

	private BufferedReader lines;

	private Iterator<ZoneName> zoneNames;

	private Iterator<Path> certificateFiles;

	public InventoryLineReader(List<InventorySource> sources) {
		this.sources = List.copyOf(sources);
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
		while (this.sourceIndex < this.sources.size()) {
			InventorySource source = this.sources.get(this.sourceIndex);
			if (this.zoneNames != null && this.zoneNames.hasNext()) {
				ZoneName name = this.zoneNames.next();
				return new InventoryLine(++this.lineId, SourceKind.ZONE, source.path() + ": " + name.name(), name.name(),
						name);
			}
			if (this.certificateFiles != null && this.certificateFiles.hasNext()) {
				String file = this.certificateFiles.next().toString();
				return new InventoryLine(++this.lineId, SourceKind.CERT_FILES, file, file, null);
			}
			String text = (this.lines != null) ? this.lines.readLine() : null;
			if (text != null) {
				this.lineNumber++;
				return new InventoryLine(++this.lineId, source.kind(), source.path() + ":" + this.lineNumber, text, null);
			}
			nextSource();
		}
		return null;
	}

	private void nextSource() throws IOException {
		doClose();
		this.sourceIndex++;
		this.lineNumber = 0;
		if (this.sourceIndex >= this.sources.size()) {
			return;
		}
		InventorySource source = this.sources.get(this.sourceIndex);
		if (source.kind() == SourceKind.ZONE) {
			this.zoneNames = ZoneFile.names(source.path()).iterator();
		}
		else if (source.kind() == SourceKind.CERT_FILES) {
			this.certificateFiles = CertificateFiles.in(source.path()).iterator();
		}
		else {
			this.lines = Files.newBufferedReader(source.path(), StandardCharsets.UTF_8);
		}
	}

	@Override
	protected void doClose() throws IOException {
		if (this.lines != null) {
			this.lines.close();
			this.lines = null;
		}
		this.zoneNames = null;
		this.certificateFiles = null;
	}

}
