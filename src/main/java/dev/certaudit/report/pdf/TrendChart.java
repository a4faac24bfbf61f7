package dev.certaudit.report.pdf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.openpdf.text.Image;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.StatusColours;
import dev.certaudit.report.TrendPoint;

/**
 * The trend across runs, drawn by JFreeChart like {@link ExpiryChart}: a bar per run stacking its
 * endpoints by status in their report colours, with lines for those needing action and those expiring
 * within the warning days, the runs' dates along the axis.
 */
final class TrendChart {

	static final int WIDTH = 770;

	static final int HEIGHT = 230;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	/** Runs whose dates fit side by side under their bars; more are written slanted. */
	private static final int LEVEL_LABELS = 10;

	private static final Color NEED_ACTION = new Color(0xB71C1C);

	private static final Color EXPIRING = new Color(0x1A4F8B);

	private TrendChart() {
	}

	/** @param trend oldest run first, at least one */
	static Image of(List<TrendPoint> trend, int warningDays) throws IOException {
		Function<TrendPoint, String> label = labels(trend);
		DefaultCategoryDataset statuses = new DefaultCategoryDataset();
		DefaultCategoryDataset lines = new DefaultCategoryDataset();
		String expiring = "expiring within " + warningDays + " days";
		for (TrendPoint run : trend) {
			RunLabel runLabel = new RunLabel(run.runId(), label.apply(run));
			for (Status status : Status.values()) {
				statuses.addValue(run.count(status), status.name(), runLabel);
			}
			lines.addValue(run.needAction(), "need action", runLabel);
			lines.addValue(run.expiring(), expiring, runLabel);
		}

		Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
		CategoryAxis runs = new CategoryAxis("run started (UTC)");
		runs.setTickLabelFont(axisFont);
		runs.setLabelFont(axisFont);
		if (trend.size() > LEVEL_LABELS) {
			runs.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
		}
		NumberAxis endpoints = new NumberAxis("endpoints");
		endpoints.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		endpoints.setTickLabelFont(axisFont);
		endpoints.setLabelFont(axisFont);

		StackedBarRenderer bars = new StackedBarRenderer();
		bars.setBarPainter(new StandardBarPainter());
		bars.setShadowVisible(false);
		bars.setDrawBarOutline(false);
		for (Status status : Status.values()) {
			Color colour = new Color(StatusColours.rgb(status));
			// the tables colour ERROR as EXPIRED, where the status is written beside; stacked, they must differ
			bars.setSeriesPaint(status.ordinal(), (status == Status.ERROR) ? colour.darker() : colour);
		}
		LineAndShapeRenderer lineRenderer = new LineAndShapeRenderer(true, true);
		lineRenderer.setSeriesPaint(0, NEED_ACTION);
		lineRenderer.setSeriesPaint(1, EXPIRING);
		lineRenderer.setSeriesStroke(0, new BasicStroke(2f));
		lineRenderer.setSeriesStroke(1, new BasicStroke(2f));

		CategoryPlot plot = new CategoryPlot(statuses, runs, endpoints, bars);
		plot.setDataset(1, lines);
		plot.setRenderer(1, lineRenderer);
		plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		plot.setOutlineVisible(false);
		JFreeChart chart = new JFreeChart(null, axisFont, plot, true);
		chart.setBackgroundPaint(Color.WHITE);
		LegendTitle legend = chart.getLegend();
		legend.setItemFont(axisFont);
		legend.setPosition(RectangleEdge.RIGHT);
		legend.setFrame(BlockBorder.NONE);

		BufferedImage picture = chart.createBufferedImage(WIDTH * 2, HEIGHT * 2, WIDTH, HEIGHT, null);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(picture, "png", png);
		Image image = Image.getInstance(png.toByteArray());
		image.scaleAbsolute(WIDTH, HEIGHT);
		return image;
	}

	/**
	 * Nightly runs by their day; runs of one day by their time too, and runs of one minute by their number
	 * as well.
	 */
	private static Function<TrendPoint, String> labels(List<TrendPoint> trend) {
		for (DateTimeFormatter format : List.of(DAY, DAY_AND_TIME)) {
			if (trend.stream().map((run) -> format.format(run.startedAt())).distinct().count() == trend.size()) {
				return (run) -> format.format(run.startedAt());
			}
		}
		return (run) -> DAY_AND_TIME.format(run.startedAt()) + ", run " + run.runId();
	}

	/**
	 * One run on the axis, shown by its date; two runs of one minute are still two bars, since the run id
	 * tells them apart.
	 */
	private record RunLabel(long runId, String text) implements Comparable<RunLabel> {

		@Override
		public int compareTo(RunLabel other) {
			return Long.compare(this.runId, other.runId);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
