package dev.certaudit.job;

import java.util.Optional;

/**
 * Something outside this process that a run cannot do without, such as the broker of a remote run. The
 * launcher checks it before it creates or resumes a run, so that an outage known at the start refuses
 * the command in one line and writes nothing; and asks it to name a failure that a run met later.
 */
public interface RunPrerequisite {

	/** @return empty when it is there; else why not, in one line that names it and what to check */
	Optional<String> unmet();

	/** @return the failure in this prerequisite's words if it is the cause, else empty */
	Optional<String> explain(Throwable failure);

}
