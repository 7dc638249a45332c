package io.mixrec.ratings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single ratings, batches and the reads of a user's ratings. Each write is one
 * transaction, retried as a whole when it loses to a concurrent writer
 * ({@link TransientFailures}); metrics are counted after commit.
 */
@Service
class RatingsService {

	private final RatingRepository repository;

	private final TransactionTemplate transactions;

	private final TransientFailures retries;

	private final RatingsMetrics metrics;

	RatingsService(RatingRepository repository, PlatformTransactionManager transactionManager,
			TransientFailures retries, RatingsMetrics metrics) {
		this.repository = repository;
		this.transactions = new TransactionTemplate(transactionManager);
		this.retries = retries;
		this.metrics = metrics;
	}

	/**
	 * Store one rating, last write wins.
	 * @param write the rating
	 * @return the rating as stored afterwards (the newer stored one if the write was
	 * older) and what the write did
	 */
	PutResult put(RatingWrite write) {
		PutResult result = this.retries.retry(Source.SINGLE, () -> this.transactions.execute((status) -> {
			WriteCounts counts = write(List.of(write));
			WriteEffect outcome = (counts.inserted() > 0) ? WriteEffect.INSERTED
					: (counts.updated() > 0) ? WriteEffect.UPDATED : WriteEffect.UNCHANGED;
			StoredRating stored = this.repository.find(write.userId(), write.itemId())
				.orElseThrow(() -> new ConcurrentDeletionException(1, 0));
			return new PutResult(stored, outcome);
		}));
		this.metrics.written(Source.SINGLE, result.outcome(), 1);
		return result;
	}

	/**
	 * Store a batch atomically, last write wins. Of several writes to the same (user,
	 * item) only the one with the latest {@code ratedAt} is applied, the later one in the
	 * list on ties; the others count as unchanged.
	 * @param writes the ratings
	 * @return what the batch did
	 */
	WriteCounts batch(List<RatingWrite> writes) {
		List<RatingWrite> latest = latestPerKey(writes);
		WriteCounts applied = this.retries.retry(Source.BATCH,
				() -> this.transactions.execute((status) -> write(latest)));
		WriteCounts counts = new WriteCounts(applied.inserted(), applied.updated(),
				applied.unchanged() + writes.size() - latest.size());
		this.metrics.written(Source.BATCH, counts);
		return counts;
	}

	Optional<StoredRating> find(String userId, String itemId) {
		return this.repository.find(userId, itemId);
	}

	/**
	 * Delete one rating.
	 * @param userId the user
	 * @param itemId the item
	 * @return whether there was a rating
	 */
	boolean delete(String userId, String itemId) {
		boolean deleted = this.retries.retry(Source.SINGLE,
				() -> this.transactions.execute((status) -> this.repository.delete(userId, itemId)));
		if (deleted) {
			this.metrics.written(Source.SINGLE, WriteEffect.DELETED, 1);
		}
		return deleted;
	}

	/**
	 * Delete a user and all their ratings.
	 * @param userId the user
	 * @return whether the user existed
	 */
	boolean deleteUser(String userId) {
		long deleted = this.retries.retry(Source.USER_DELETION,
				() -> this.transactions.execute((status) -> this.repository.deleteUser(userId)));
		this.metrics.written(Source.USER_DELETION, WriteEffect.DELETED, deleted);
		return deleted >= 0;
	}

	/**
	 * A page of a user's ratings, newest first.
	 * @param userId the user
	 * @param page the page number, from 0
	 * @param size the page size
	 * @return the page, or empty if there is no such user
	 */
	Optional<RatingsPage> page(String userId, int page, int size) {
		return this.transactions.execute((status) -> {
			OptionalLong userKey = this.repository.userKey(userId);
			if (userKey.isEmpty()) {
				return Optional.empty();
			}
			long total = this.repository.countRatings(userKey.getAsLong());
			List<StoredRating> ratings = this.repository.page(userKey.getAsLong(), userId, size, (long) page * size);
			return Optional.of(RatingsPage.of(userId, page, size, total, ratings));
		});
	}

	private WriteCounts write(List<RatingWrite> writes) {
		Set<String> users = new LinkedHashSet<>();
		Set<String> items = new LinkedHashSet<>();
		for (RatingWrite write : writes) {
			users.add(write.userId());
			items.add(write.itemId());
		}
		this.repository.ensureUsers(users);
		this.repository.ensureItems(items);
		return this.repository.upsert(writes);
	}

	static List<RatingWrite> latestPerKey(List<RatingWrite> writes) {
		Map<List<String>, RatingWrite> latest = new LinkedHashMap<>();
		for (RatingWrite write : writes) {
			latest.merge(List.of(write.userId(), write.itemId()), write,
					(kept, next) -> next.ratedAt().isBefore(kept.ratedAt()) ? kept : next);
		}
		return new ArrayList<>(latest.values());
	}

	/**
	 * The result of a single write.
	 *
	 * @param stored the rating as stored afterwards
	 * @param outcome what the write did
	 */
	record PutResult(StoredRating stored, WriteEffect outcome) {

	}

}
