package dev.certaudit.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.certaudit.inventory.HostListParser;
import dev.certaudit.inventory.Target;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped sample inventory and the demo estate describe the same loopback endpoints. */
class DemoEstateTest {

	@Test
	void sampleInventoryNamesExactlyTheDemoEndpointsOnLoopback() throws IOException {
		Path sample = Path.of("jobs", "sample-hosts.txt");
		List<String> lines = Files.readAllLines(sample);
		List<Target> targets = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Optional<Target> target = HostListParser.parse(lines.get(i), sample + ":" + (i + 1));
			target.ifPresent(targets::add);
		}

		assertThat(targets).extracting(Target::host)
			.containsExactlyElementsOf(DemoEstate.ENDPOINTS.stream().map(DemoEstate.Endpoint::name).toList());
		assertThat(targets).extracting(Target::port)
			.containsExactlyElementsOf(DemoEstate.ENDPOINTS.stream().map(DemoEstate.Endpoint::port).toList());
		assertThat(targets).extracting(Target::address).containsOnly("127.0.0.1");
		assertThat(targets).allSatisfy((target) -> assertThat(target.owner()).isNotBlank());
	}

}
