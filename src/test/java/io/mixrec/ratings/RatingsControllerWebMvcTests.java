package io.mixrec.ratings;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.MixrecWebMvcTest;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.web.JsonBodies;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The single-rating endpoints in a web slice: how requests become writes and how the
 * answers look, without a database.
 */
@MixrecWebMvcTest(RatingsController.class)
@Import({ JsonBodies.class, RatingRules.class })
@EnableConfigurationProperties(RatingsProperties.class)
class RatingsControllerWebMvcTests {

	private static final Instant RATED_AT = Instant.parse("2026-01-02T03:04:05Z");

	private static final Instant UPDATED_AT = Instant.parse("2026-01-02T03:04:06.123456Z");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RatingsService ratings;

	@Test
	void putPassesTheValidatedRatingOnAndAnswersTheStoredOne() {
		RatingWrite write = new RatingWrite("u1", "i1", 4.5f, RATED_AT);
		given(this.ratings.put(write)).willReturn(new RatingsService.PutResult(
				new StoredRating("u1", "i1", 4.5f, RATED_AT, UPDATED_AT), WriteEffect.INSERTED));

		assertThat(this.mvc.put()
			.uri("/users/u1/ratings/i1")
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"rating\": 4.5, \"ratedAt\": \"2026-01-02T05:04:05+02:00\", \"comment\": \"ignored\"}"))
			.hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/users/u1/ratings/i1")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"userId": "u1", "itemId": "i1", "rating": 4.5, "ratedAt": "2026-01-02T03:04:05Z",
					 "updatedAt": "2026-01-02T03:04:06.123456Z", "outcome": "inserted"}
					""");
	}

	@Test
	void olderWriteAnswers200WithTheNewerStoredRating() {
		given(this.ratings.put(any())).willReturn(new RatingsService.PutResult(
				new StoredRating("u1", "i1", 2f, RATED_AT, UPDATED_AT), WriteEffect.UNCHANGED));

		assertThat(this.mvc.put()
			.uri("/users/u1/ratings/i1")
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"rating\": 5, \"ratedAt\": 0}")).hasStatus(HttpStatus.OK)
			.bodyJson()
			.isLenientlyEqualTo("{\"rating\": 2.0, \"outcome\": \"unchanged\"}");
	}

	@Test
	void invalidInputIsAProblemListingEveryFieldAndWritesNothing() {
		assertThat(this.mvc.put()
			.uri("/users/" + "u".repeat(129) + "/ratings/i1")
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"rating\": \"five\", \"ratedAt\": \"tomorrow\"}")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{"type": "https://mixrec.io/problems/validation-failed", "status": 400,
							 "errors": [{"field": "userId", "message": "must be at most 128 characters"},
							            {"field": "rating", "message": "must be a number"},
							            {"field": "ratedAt", "message": "must be epoch seconds or an ISO-8601 date-time with offset, e.g. 2026-01-02T03:04:05Z"}]}
							""");
		then(this.ratings).should(never()).put(any());
	}

	@Test
	void unknownRatingIsNotFound() {
		given(this.ratings.find("u1", "i1")).willReturn(Optional.empty());

		assertThat(this.mvc.get().uri("/users/u1/ratings/i1").header(TestApiKeys.HEADER, TestApiKeys.READ))
			.hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "https://mixrec.io/problems/not-found", "detail": "No rating of item 'i1' by user 'u1'."}
					""");
	}

	@Test
	void listSizeIsLimited() {
		assertThat(this.mvc.get().uri("/users/u1/ratings?size=1001").header(TestApiKeys.HEADER, TestApiKeys.READ))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("{\"errors\": [{\"field\": \"size\", \"message\": \"must be at most 1000\"}]}");
		then(this.ratings).should(never()).page(any(), anyInt(), anyInt());
	}

}
