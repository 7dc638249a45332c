package io.mixrec.dashboard;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestRatings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's headless Chromium through Selenium) against
 * the whole service on a database of its own, with MovieLens 100K's u1.base and titles
 * when {@code /work/shared/data/ml-100k} exists (the project's machines), else a
 * generated data set of the same shape. It walks what an operator does: no key, a wrong
 * key, the admin key, a refit whose objective plot grows while it runs, the new version
 * in the quality plot, a rollback, a user lookup; then checks the browser's log for
 * JavaScript errors. Screenshots go to {@code target/dashboard-screenshots/}; the page
 * weight and load times are printed as a line starting with {@code Dashboard:}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(DashboardTestDatabase.class)
class DashboardBrowserIntegrationTests extends IntegrationTestBase {

	private static final Path MOVIELENS = Path.of("/work/shared/data/ml-100k");

	private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

	private static WebDriver browser;

	private static Path profile;

	@BeforeAll
	static void startBrowser() throws IOException {
		profile = Files.createTempDirectory("mixrec-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(Path.of(System.getProperty("mixrec.chromium", "/usr/bin/chromium")).toFile());
		// no sandbox as root; no GPU, QUIC or background traffic on a machine without
		// network
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,2600", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(System.getProperty("mixrec.chromedriver", "/usr/bin/chromedriver")).toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@Test
	void anOperatorWatchesARefitAndRollsBack() throws Exception {
		ApiClient api = new ApiClient(this.port);
		String data = loadData(api);
		long first = refitAndWait(api, "{\"preset\": \"mixture\", \"clusters\": 8}");
		String base = "http://127.0.0.1:" + this.port;

		// no key: a prompt, and not one request for data
		browser.get(base + "/dashboard");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
		assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
		assertThat(resourceNames()).noneMatch((name) -> name.contains("/admin/") || name.contains("/users/"));
		screenshot("01-no-key");

		// a wrong key: a clear error, still no data
		login("a-wrong-key-0123456789abcdef");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));
		assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
		screenshot("02-wrong-key");
		List<String> wrongKeyErrors = severe();
		assertThat(wrongKeyErrors).allMatch((message) -> message.contains("401"));

		// the admin key: every panel
		login(TestApiKeys.ADMIN);
		wait.until((driver) -> "true".equals(body().getAttribute("data-ready")));
		long transferred = transferredBytes();
		assertThat(browser.findElement(By.id("active-version")).getText()).startsWith(first + " ");
		assertThat(attribute("quality-plot", "data-versions")).endsWith(String.valueOf(first));
		assertThat(Integer.parseInt(attribute("weights-plot", "data-clusters"))).isEqualTo(8);
		assertThat(browser.findElements(By.cssSelector("#quality-plot canvas"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#clusters tbody tr"))).hasSize(8);
		assertThat(browser.findElement(By.id("stored")).getText()).contains("ratings stored");
		screenshot("03-dashboard");

		// loaded again with the key in the session: how fast it is interactive
		browser.navigate().refresh();
		wait.until((driver) -> "true".equals(body().getAttribute("data-ready")));
		double readyMs = ((Number) script("return window.mixrecReadyMs")).doubleValue();
		double domInteractiveMs = ((Number) script(
				"return performance.getEntriesByType('navigation')[0].domInteractive"))
			.doubleValue();

		// start a refit from the page and watch its objective grow
		new Select(browser.findElement(By.id("start-preset"))).selectByVisibleText("ensemble");
		browser.findElement(By.id("start-clusters")).sendKeys("16");
		browser.findElement(By.id("start-refit")).click();
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		long second = first + 1;
		List<Integer> seen = new ArrayList<>();
		boolean shot = false;
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			Map<?, ?> plot = (Map<?, ?>) script("""
					const p = document.getElementById('objective-plot');
					return {refit: p.dataset.refit, points: p.dataset.points, status: p.dataset.status};""");
			if (String.valueOf(second).equals(plot.get("refit"))) {
				if (!"running".equals(plot.get("status"))) {
					break;
				}
				int points = Integer.parseInt(String.valueOf(plot.get("points")));
				if (seen.isEmpty() || seen.get(seen.size() - 1) != points) {
					seen.add(points);
				}
				if (!shot && points >= 8) {
					screenshot("04-refit-running");
					shot = true;
				}
			}
			Thread.sleep(40);
		}
		assertThat(seen).as("objective points seen while refit " + second + " ran").hasSizeGreaterThanOrEqualTo(2);
		boolean grew = false;
		for (int k = 1; k < seen.size(); k++) {
			grew |= seen.get(k) > seen.get(k - 1) && seen.get(k - 1) > 0;
		}
		assertThat(grew).as("the objective plot grew while the refit ran: " + seen).isTrue();

		// the new version in the quality plot, and active
		wait.withTimeout(Duration.ofSeconds(60))
			.until((driver) -> attribute("quality-plot", "data-versions").endsWith(first + "," + second));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-version"), second + " "));
		screenshot("05-new-version");

		// roll back to the first version
		browser.findElement(By.cssSelector("button.rollback[data-version='" + first + "']")).click();
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-version"), first + " "));
		JsonNode active = ApiClient.json(api.send("GET", "/admin/models?limit=5", TestApiKeys.ADMIN).body());
		assertThat(active.valueStream().filter((m) -> m.get("status").asString().equals("active"))).singleElement()
			.satisfies((m) -> assertThat(m.get("version").asLong()).isEqualTo(first));
		screenshot("06-rolled-back");

		// a user: ratings, posterior, recommendations with titles and uncertainty
		browser.findElement(By.id("user-id")).sendKeys(data.equals("movielens") ? "1" : "gu1");
		browser.findElement(By.cssSelector("#user-form button")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user-recommendations")));
		assertThat(browser.findElement(By.id("user-summary")).getText()).containsPattern("\\d+ ratings stored");
		List<WebElement> recommendations = browser.findElements(By.cssSelector("#user-recommendations tbody tr"));
		assertThat(recommendations).hasSize(10);
		assertThat(recommendations.get(0).getText()).containsPattern("\\(\\d{4}\\)|Film ").contains("±");
		assertThat(browser.findElements(By.cssSelector("#user-posterior tr"))).isNotEmpty();
		screenshot("07-user");

		browser.manage().window().setSize(new Dimension(412, 2400));
		Thread.sleep(300);
		screenshot("08-phone");

		assertThat(severe()).as("JavaScript errors in the browser's log").isEmpty();
		System.out.printf(
				"Dashboard: data %s; first load with the key %d bytes transferred (static files and every API "
						+ "answer); reload with the key: DOM interactive %.0f ms, every panel drawn %.0f ms; "
						+ "objective points seen while running %s; screenshots in %s%n",
				data, transferred, domInteractiveMs, readyMs, seen, SCREENSHOTS.toAbsolutePath());
		assertThat(transferred).isLessThan(500_000);
		// loopback; generous against a busy shared CI machine
		assertThat(readyMs).isLessThan(3000);
	}

	private String loadData(ApiClient api) throws IOException, SQLException {
		if (Files.isRegularFile(MOVIELENS.resolve("u1.base")) && Files.isRegularFile(MOVIELENS.resolve("u.item"))) {
			StringBuilder csv = new StringBuilder("user,item,rating,timestamp\n");
			for (String line : Files.readAllLines(MOVIELENS.resolve("u1.base"))) {
				csv.append(line.replace('\t', ',')).append('\n');
			}
			HttpResponse<String> imported = api.send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv",
					csv.toString());
			assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
			List<String> ids = new ArrayList<>();
			List<String> titles = new ArrayList<>();
			for (String line : Files.readAllLines(MOVIELENS.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
				String[] fields = line.split("\\|", -1);
				ids.add(fields[0]);
				titles.add(fields[1]);
			}
			try (Connection connection = DashboardTestDatabase.database().connect();
					PreparedStatement update = connection.prepareStatement("""
							update items set title = t.title from unnest(?::text[], ?::text[]) as t(id, title)
							where items.external_id = t.id""")) {
				update.setArray(1, connection.createArrayOf("text", ids.toArray()));
				update.setArray(2, connection.createArrayOf("text", titles.toArray()));
				update.executeUpdate();
			}
			return "movielens";
		}
		new TestRatings().tastes("g", 900, 1600, 8, 80, 7).insert(DashboardTestDatabase.database().dataSource());
		this.jdbc.sql("update items set title = 'Film ' || external_id").update();
		return "generated";
	}

	private static long refitAndWait(ApiClient api, String options) throws InterruptedException {
		HttpResponse<String> started = api.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json",
				options);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long id = ApiClient.json(started.body()).get("id").asLong();
		JsonNode run = api.awaitRefit(id, Duration.ofSeconds(60));
		assertThat(run.get("status").asString()).isEqualTo("active");
		return id;
	}

	private static void login(String key) {
		WebElement field = browser.findElement(By.id("key"));
		field.clear();
		field.sendKeys(key);
		browser.findElement(By.cssSelector("#login-form button")).click();
	}

	private static WebElement body() {
		return browser.findElement(By.tagName("body"));
	}

	private static String attribute(String id, String name) {
		String value = browser.findElement(By.id(id)).getAttribute(name);
		return (value != null) ? value : "";
	}

	private static Object script(String code) {
		return ((JavascriptExecutor) browser).executeScript(code);
	}

	@SuppressWarnings("unchecked")
	private static List<String> resourceNames() {
		return (List<String>) script("return performance.getEntriesByType('resource').map((e) => e.name)");
	}

	/**
	 * Bytes on the wire since the page was first opened in a fresh profile: the page, its
	 * files and every API answer so far (headers included).
	 */
	private static long transferredBytes() {
		return ((Number) script("""
				return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
				  .reduce((sum, e) => sum + e.transferSize, 0);""")).longValue();
	}

	private static List<String> severe() {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	private static void screenshot(String name) throws IOException {
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
