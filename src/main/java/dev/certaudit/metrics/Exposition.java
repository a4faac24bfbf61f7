package dev.certaudit.metrics;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Prometheus' text exposition format, version 0.0.4, which node_exporter's textfile collector and the
 * Pushgateway read: each metric family once, with its HELP and TYPE, then its samples.
 */
final class Exposition {

	static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

	private final Writer out;

	Exposition(Writer out) {
		this.out = out;
	}

	/** Every family here is a gauge: each value is what the run found, not a count since some start. */
	Exposition family(String name, String help) throws IOException {
		this.out.write("# HELP " + name + " " + help.replace("\\", "\\\\").replace("\n", "\\n") + "\n");
		this.out.write("# TYPE " + name + " gauge\n");
		return this;
	}

	Exposition sample(String name, Map<String, String> labels, double value) throws IOException {
		StringBuilder line = new StringBuilder(name);
		if (!labels.isEmpty()) {
			line.append('{');
			boolean first = true;
			for (Map.Entry<String, String> label : labels.entrySet()) {
				line.append(first ? "" : ",").append(label.getKey()).append("=\"").append(escaped(label.getValue())).append('"');
				first = false;
			}
			line.append('}');
		}
		line.append(' ').append(number(value)).append('\n');
		this.out.write(line.toString());
		return this;
	}

	private static String escaped(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
	}

	/** Whole numbers, timestamps above all, as digits rather than in exponent form. */
	private static String number(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? Long.toString((long) value) : Double.toString(value);
	}

}
