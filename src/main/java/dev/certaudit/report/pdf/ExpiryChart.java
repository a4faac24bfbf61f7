package dev.certaudit.report.pdf;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.openpdf.text.Image;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.ExpiryWeek;
import dev.certaudit.report.StatusColours;

/**
 * The renewal outlook as a bar per week, drawn by JFreeChart and placed in the PDF as an image at twice
 * its printed size, so it stays sharp on paper. Bars take the colour of the status their week earns.
 */
public final class ExpiryChart {

	private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

	private static final int WIDTH = 520;

	private static final int HEIGHT = 180;

	private ExpiryChart() {
	}

	public static Image of(List<ExpiryWeek> weeks, int criticalDays, int warningDays) throws IOException {
		DefaultCategoryDataset data = new DefaultCategoryDataset();
		for (ExpiryWeek week : weeks) {
			data.addValue(week.certificates(), "certificates", WEEK.format(week.firstDay()));
		}
		JFreeChart chart = ChartFactory.createBarChart(null, "week starting", "certificates expiring", data,
				PlotOrientation.VERTICAL, false, false, false);
		chart.setBackgroundPaint(Color.WHITE);
		CategoryPlot plot = chart.getCategoryPlot();
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		plot.setOutlineVisible(false);
		Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
		CategoryAxis weeksAxis = plot.getDomainAxis();
		weeksAxis.setTickLabelFont(axisFont);
		weeksAxis.setLabelFont(axisFont);
		weeksAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
		NumberAxis counts = (NumberAxis) plot.getRangeAxis();
		counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		counts.setTickLabelFont(axisFont);
		counts.setLabelFont(axisFont);
		plot.setRenderer(new WeekColours(criticalDays, warningDays));

		BufferedImage picture = chart.createBufferedImage(WIDTH * 2, HEIGHT * 2, WIDTH, HEIGHT, null);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(picture, "png", png);
		Image image = Image.getInstance(png.toByteArray());
		image.scaleAbsolute(WIDTH, HEIGHT);
		return image;
	}

	/** Week {@code i} holds certificates with 7i to 7i+6 days left. */
	private static final class WeekColours extends BarRenderer {

		private final int criticalDays;

		private final int warningDays;

		WeekColours(int criticalDays, int warningDays) {
			this.criticalDays = criticalDays;
			this.warningDays = warningDays;
			setBarPainter(new StandardBarPainter());
			setShadowVisible(false);
			setDrawBarOutline(false);
		}

		@Override
		public java.awt.Paint getItemPaint(int row, int column) {
			int firstDay = column * 7;
			Status status = (firstDay < this.criticalDays) ? Status.CRITICAL
					: (firstDay < this.warningDays) ? Status.WARNING : Status.OK;
			return new Color(StatusColours.rgb(status));
		}

	}

}
