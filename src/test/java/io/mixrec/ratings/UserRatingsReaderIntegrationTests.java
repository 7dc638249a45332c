package io.mixrec.ratings;

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
 * The read that serving uses: all of one user's current ratings.
 */
@MixrecIntegrationTest
class UserRatingsReaderIntegrationTests extends IntegrationTestBase {

	@Autowired
	UserRatingsReader reader;

	@Test
	void readsAllOfAUsersCurrentRatings() {
		String user = unique("reader");
		ApiClient api = new ApiClient(this.port);
		api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json",
				"[{\"userId\": \"" + user + "\", \"itemId\": \"" + user + "-a\", \"rating\": 4}, {\"userId\": \"" + user
						+ "\", \"itemId\": \"" + user + "-b\", \"rating\": 2.5}, {\"userId\": \"" + unique("other")
						+ "\", \"itemId\": \"" + user + "-a\", \"rating\": 1}]");

		assertThat(this.reader.ratingsOf(user)).extracting(ItemRating::itemId, ItemRating::rating)
			.containsExactlyInAnyOrder(tuple(user + "-a", 4f), tuple(user + "-b", 2.5f));
		assertThat(this.reader.ratingsOf(unique("nobody"))).isEmpty();

		java.util.List<ItemRating> keyed = new java.util.ArrayList<>();
		this.reader.keyedRatingsOf(user, (key, rating) -> keyed.add(new ItemRating(key, "", rating)));
		assertThat(keyed).extracting(ItemRating::itemKey, ItemRating::rating)
			.containsExactlyElementsOf(this.reader.ratingsOf(user)
				.stream()
				.map((rating) -> tuple(rating.itemKey(), rating.rating()))
				.toList());
		this.reader.keyedRatingsOf(unique("nobody"), (key, rating) -> keyed.clear());
		assertThat(keyed).hasSize(2);
	}

}
