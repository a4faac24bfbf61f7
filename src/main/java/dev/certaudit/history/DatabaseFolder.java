package dev.certaudit.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import dev.certaudit.PrivateFiles;

/**
 * Makes the folder of an embedded H2 database ({@code ./data} by default) before H2 does, which would make
 * it 755: created as {@link PrivateFiles} creates folders, so that only the owner and its group reach
 * the database files inside, whatever permissions H2 gives them.
 */
@Component
class DatabaseFolder implements BeanPostProcessor {

	private static final String H2 = "jdbc:h2:";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		// the pool opens no connection before its first use, so the folder is there before H2 looks for it
		if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null) {
			h2Folder(dataSource.getJdbcUrl()).ifPresent((folder) -> {
				try {
					PrivateFiles.createFolders(folder);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot create the database folder " + folder, ex);
				}
			});
		}
		return bean;
	}

	/** The folder of an H2 database file's URL ({@code jdbc:h2:file:./data/cert-audit;...}); empty for other URLs. */
	static Optional<Path> h2Folder(String url) {
		if (!url.startsWith(H2)) {
			return Optional.empty();
		}
		String name = url.substring(H2.length());
		int settings = name.indexOf(';');
		name = (settings >= 0) ? name.substring(0, settings) : name;
		if (name.startsWith("file:")) {
			name = name.substring("file:".length());
		}
		else if (!name.startsWith(".") && !name.startsWith("/") && !name.startsWith("~")) {
			// mem:, tcp:, ssl: and the other kinds have no folder here
			return Optional.empty();
		}
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		Path parent = Path.of(name).toAbsolutePath().normalize().getParent();
		return Optional.ofNullable(parent);
	}

}
