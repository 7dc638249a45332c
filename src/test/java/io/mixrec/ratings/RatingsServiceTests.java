package io.mixrec.ratings;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatingsServiceTests {

	@Test
	void latestPerKeyKeepsTheLatestTimeThenTheLaterPosition() {
		RatingWrite a1 = write("u", "a", 1, 100);
		RatingWrite a2 = write("u", "a", 2, 300);
		RatingWrite a3 = write("u", "a", 3, 200);
		RatingWrite b1 = write("u", "b", 1, 100);
		RatingWrite b2 = write("u", "b", 2, 100);
		RatingWrite c1 = write("v", "a", 5, 1);

		assertThat(RatingsService.latestPerKey(List.of(a1, b1, a2, c1, a3, b2))).containsExactly(a2, b2, c1);
	}

	private static RatingWrite write(String user, String item, float rating, long time) {
		return new RatingWrite(user, item, rating, Instant.ofEpochSecond(time));
	}

}
