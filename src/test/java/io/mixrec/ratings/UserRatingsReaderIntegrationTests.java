package io.mixrec.ratings;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;

import static io.mixrec.ratings.RatingsTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The read that serving uses: all of one user's current ratings, by item key.
 */
@MixrecIntegrationTest
class UserRatingsReaderIntegrationTests extends IntegrationTestBase {

	@Autowired
	UserRatingsReader reader;

	@Test
	void readsAllOfAUsersCurrentRatingsInItemKeyOrder() {
		String user = unique("reader");
		ApiClient api = new ApiClient(this.port);
		api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json",
				"[{\"userId\": \"" + user + "\", \"itemId\": \"" + user + "-b\", \"rating\": 2.5}, {\"userId\": \""
						+ user + "\", \"itemId\": \"" + user + "-a\", \"rating\": 4}, {\"userId\": \"" + unique("other")
						+ "\", \"itemId\": \"" + user + "-a\", \"rating\": 1}]");
		long a = itemKey(user + "-a");
		long b = itemKey(user + "-b");

		List<KeyedRating> ratings = new ArrayList<>();
		this.reader.keyedRatingsOf(user, (key, rating) -> ratings.add(new KeyedRating(key, rating)));

		assertThat(ratings).extracting(KeyedRating::itemKey, KeyedRating::rating)
			.containsExactly((a < b) ? tuple(a, 4f) : tuple(b, 2.5f), (a < b) ? tuple(b, 2.5f) : tuple(a, 4f));
	}

	@Test
	void unknownUserHasNoRatings() {
		List<KeyedRating> ratings = new ArrayList<>();
		this.reader.keyedRatingsOf(unique("nobody"), (key, rating) -> ratings.add(new KeyedRating(key, rating)));

		assertThat(ratings).isEmpty();
	}

	private long itemKey(String itemId) {
		return count("select id from items where external_id = ?", itemId);
	}

	record KeyedRating(long itemKey, float rating) {

	}

}
