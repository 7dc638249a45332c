package io.mixrec.recommend;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.MixrecWebMvcTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The recommendation endpoints' parameters in a web slice: typed records checked by Bean
 * Validation, every bad parameter named in one problem, without a model or a database.
 */
@MixrecWebMvcTest(RecommendationsController.class)
@EnableConfigurationProperties(RecommendProperties.class)
class RecommendationsControllerWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RecommendationService service;

	@Test
	void everyBadParameterIsListedInOneProblem() {
		assertThat(get("/users/" + "u".repeat(129) + "/recommendations?limit=0&offset=x&includeRated=yes"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "https://mixrec.io/problems/validation-failed",
					 "errors": [{"field": "includeRated", "message": "must be true or false"},
					            {"field": "limit", "message": "must be an integer between 1 and 1000"},
					            {"field": "offset", "message": "must be an integer"},
					            {"field": "userId", "message": "must be at most 128 characters"}]}
					""");
		then(this.service).should(never()).recommendations(anyString(), any());
	}

	@Test
	void idListsMaySplitOnCommasAndRepeat() {
		assertThat(get("/users/u1/recommendations?exclude=a,b&exclude=,c&limit=7&includeRated=TRUE"))
			.hasStatus(HttpStatus.OK);

		then(this.service).should()
			.recommendations("u1", new RecommendationAnswers.RecommendationQuery(7, 0, List.of("a", "b", "c"), true));
	}

	@Test
	void theUserComesFromThePathEvenWhenTheQueryNamesAnother() {
		assertThat(get("/users/u1/recommendations?userId=u2&limit=3")).hasStatus(HttpStatus.OK);
		assertThat(get("/users/u1/predictions?userId=u2&itemIds=a")).hasStatus(HttpStatus.OK);

		then(this.service).should()
			.recommendations("u1", new RecommendationAnswers.RecommendationQuery(3, 0, List.of(), false));
		then(this.service).should().predictions("u1", List.of("a"));
	}

	@Test
	void predictionsNeedAtLeastOneItemId() {
		assertThat(get("/users/u1/predictions?itemIds=,")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "itemIds", "message": "must list 1 to 1000 item ids"}]}
					""");
	}

	@Test
	void badPathVariablesAreNamed() {
		assertThat(get("/users/" + "u".repeat(129) + "/clusters")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "userId", "message": "must be at most 128 characters"}]}
					""");
		assertThat(get("/clusters/first")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().isLenientlyEqualTo("""
				{"type": "https://mixrec.io/problems/validation-failed",
				 "errors": [{"field": "index", "message": "must be an integer"}]}
				""");
	}

	private MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).header(TestApiKeys.HEADER, TestApiKeys.READ).exchange();
	}

}
