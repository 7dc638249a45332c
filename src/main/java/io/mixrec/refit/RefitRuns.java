package io.mixrec.refit;

import java.util.Collection;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/**
 * The refit history, paged (Spring Data JPA). Read-only: see {@link RefitRun}.
 */
interface RefitRuns extends Repository<RefitRun, Long> {

	/**
	 * @param pageable page, size and order
	 * @return every run
	 */
	Page<RefitRun> findBy(Pageable pageable);

	/**
	 * @param statuses the statuses wanted
	 * @param pageable page, size and order
	 * @return the runs in one of them
	 */
	Page<RefitRun> findByStatusIn(Collection<String> statuses, Pageable pageable);

	/**
	 * @param statuses statuses of runs that fitted a model
	 * @return the newest finished run in one of them, whose duration predicts the next's
	 */
	Optional<RefitRun> findFirstByStatusInAndFinishedAtNotNullOrderByVersionDesc(Collection<String> statuses);

}
