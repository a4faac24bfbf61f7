package dev.certaudit.report;

import dev.certaudit.analysis.Status;

/**
 * One fill colour per status, shared by both formats so a reader who knows one report knows the other.
 * Light enough that black text on them stays legible when printed.
 */
public final class StatusColours {

	private StatusColours() {
	}

	/** The colour as 0xRRGGBB. */
	public static int rgb(Status status) {
		return switch (status) {
			case ERROR, EXPIRED -> 0xF28B82;
			case CRITICAL -> 0xF6A96B;
			case NOT_YET_VALID -> 0xFCCB7E;
			case WARNING -> 0xFFEB84;
			case OK -> 0xA8DAA0;
		};
	}

}
