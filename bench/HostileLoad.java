import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-load benchmark's clients (bench/hostile-load.sh runs it with the JDK's
 * source launcher). Two modes:
 *
 * <pre>
 * java bench/HostileLoad.java attack PORT SECONDS CONNECTIONS SLOW_KEY CSV_KEY JSON_KEY USER
 * java bench/HostileLoad.java client PORT SECONDS READ_KEY PROBE_KEY ADMIN_KEY USER
 * java bench/HostileLoad.java memory PORT REQUESTS JSON_KEY
 * </pre>
 *
 * attack: for SECONDS, CONNECTIONS connections of each of three attacks at once, each with
 * its own key: slow readers (a 1 KB receive buffer, 20 pipelined recommendations of 1000
 * items, then one byte read every 5 s, then a drain that tells whether the server closed
 * the connection), a CSV import whose rating is 64,000 digits and an x (the old regex's
 * quadratic case), and 16 MB JSON batches of empty objects, each in a loop without pause.
 *
 * client: for SECONDS, one well-behaved client with the read key alternates GET /ping and
 * GET /users/USER/recommendations; another write key sends the ReDoS line twice a second
 * and times its rejection; the admin key samples the server's heap once a second. Prints
 * one line per client class and the verdicts.
 *
 * memory: REQUESTS concurrent 16 MB JSON batches of empty objects; prints their statuses.
 */
public class HostileLoad {

	static final byte[] JSON_BOMB = jsonBomb(16 * 1024 * 1024);

	/** A rating of 64,000 digits and an x: 34 s of CPU in the old regex. */
	static final byte[] REDOS = ("userId,itemId,rating\nu1,i1," + "1".repeat(64_000) + "x\n")
		.getBytes(StandardCharsets.US_ASCII);

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "memory" -> memory(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
			case "attack" -> attack(args);
			default -> client(args);
		}
	}

	static void memory(int port, int requests, String key) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int i = 0; i < requests; i++) {
			answers.add(pool.submit(() -> {
				start.await();
				long started = System.nanoTime();
				int status = post(port, "/ratings", key, "application/json", JSON_BOMB);
				return status + " in " + (System.nanoTime() - started) / 1_000_000 + " ms";
			}));
		}
		start.countDown();
		List<String> statuses = new ArrayList<>();
		for (var answer : answers) {
			statuses.add(answer.get(120, TimeUnit.SECONDS));
		}
		pool.shutdown();
		System.out.println("memory: " + requests + " concurrent 16 MB JSON bodies answered: " + statuses);
	}

	static void attack(String[] args) throws Exception {
		int port = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		int connections = Integer.parseInt(args[3]);
		String slowKey = args[4], csvKey = args[5], jsonKey = args[6];
		String user = args[7];
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService threads = Executors.newCachedThreadPool();
		Stats slow = new Stats(), csv = new Stats(), json = new Stats();
		AtomicLong slowDropped = new AtomicLong();
		AtomicLong slowBytes = new AtomicLong();
		byte[] recommendation = ("GET /users/" + user + "/recommendations?limit=1000&includeRated=true HTTP/1.1\r\n"
				+ "Host: localhost\r\nX-API-Key: " + slowKey + "\r\n\r\n").repeat(20)
			.getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < connections; i++) {
			threads.submit(() -> slowReader(port, recommendation, running, slow, slowDropped, slowBytes));
			threads.submit(() -> loop(running, csv, () -> post(port, "/ratings/import", csvKey, "text/csv", REDOS)));
			threads.submit(() -> loop(running, json,
					() -> post(port, "/ratings", jsonKey, "application/json", JSON_BOMB)));
		}
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		running.set(false);
		threads.shutdown();
		threads.awaitTermination(60, TimeUnit.SECONDS);
		threads.shutdownNow();
		System.out.println("slow readers (" + connections + " conns):         " + slow.count()
				+ " connections with 20 pipelined requests each; closed by the server before all answers were read: "
				+ slowDropped.get() + " (answer bytes drained at the end: " + slowBytes.get() + ")");
		System.out.println("ReDoS CSV flood (" + connections + " conns):      " + csv);
		System.out.println("16 MB JSON bombs (" + connections + " conns):     " + json);
	}

	static void client(String[] args) throws Exception {
		int port = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		String readKey = args[3], probeKey = args[4], adminKey = args[5], user = args[6];
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService threads = Executors.newCachedThreadPool();
		AtomicLong heapMax = new AtomicLong();
		AtomicLong heapLimit = new AtomicLong();
		threads.submit(() -> sampleHeap(port, adminKey, running, heapMax, heapLimit));
		Stats probe = new Stats();
		threads.submit(() -> loop(running, probe, () -> {
			sleep(500);
			long started = System.nanoTime();
			int status = post(port, "/ratings/import", probeKey, "text/csv", REDOS);
			probe.add(status, System.nanoTime() - started);
			return Integer.MIN_VALUE;
		}));
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Stats ping = new Stats(), recs = new Stats();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < end) {
			get(client, port, "/ping", readKey, ping);
			get(client, port, "/users/" + user + "/recommendations", readKey, recs);
		}
		running.set(false);
		threads.shutdown();
		threads.awaitTermination(30, TimeUnit.SECONDS);
		probe.statuses.remove(Integer.MIN_VALUE);
		System.out.println("well-behaved GET /ping:            " + ping);
		System.out.println("well-behaved GET recommendations:  " + recs);
		System.out.println("ReDoS line from another write key: " + probe);
		System.out.printf("server heap: max used %d MB of %d MB%n", heapMax.get() >> 20, heapLimit.get() >> 20);
		List<Long> all = new ArrayList<>(ping.latencies);
		all.addAll(recs.latencies);
		long errors = ping.errors() + recs.errors();
		long p99 = percentile(all, 99);
		long redosMax = percentile(probe.latencies, 100);
		System.out.printf("verdict: well-behaved errors %d (target 0): %s; p99 %d ms (target <= 250): %s;"
				+ " ReDoS line rejected in max %d ms during the attack (target < 50): %s; heap under limit: %s%n",
				errors, errors == 0 ? "met" : "NOT met", p99, p99 <= 250 ? "met" : "NOT met", redosMax,
				(redosMax < 50 && probe.errors() == probe.count() && probe.statuses.containsKey(400)) ? "met"
						: "NOT met",
				heapMax.get() < heapLimit.get() ? "met" : "NOT met");
	}

	interface Call {

		int run() throws Exception;

	}

	static void loop(AtomicBoolean running, Stats stats, Call call) {
		while (running.get()) {
			long started = System.nanoTime();
			try {
				int status = call.run();
				if (status != Integer.MIN_VALUE) {
					stats.add(status, System.nanoTime() - started);
				}
			}
			catch (Exception ex) {
				stats.add(-1, System.nanoTime() - started);
				sleep(100);
			}
		}
	}

	/**
	 * Sends 20 pipelined requests for large answers, then reads one byte every 5 s until
	 * the attack ends; then drains the socket: a connection the server closed ends
	 * (EOF or reset) before the 20 answers are through.
	 */
	static void slowReader(int port, byte[] requests, AtomicBoolean running, Stats stats, AtomicLong dropped,
			AtomicLong answerBytes) {
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(1024);
			socket.connect(new InetSocketAddress("127.0.0.1", port));
			socket.getOutputStream().write(requests);
			stats.add(200, 0);
			InputStream in = socket.getInputStream();
			while (running.get()) {
				sleep(5000);
				if (in.available() > 0 && in.read() < 0) {
					break;
				}
			}
			socket.setSoTimeout(3000);
			byte[] buffer = new byte[65536];
			long total = 0;
			try {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					total += read;
				}
				dropped.incrementAndGet();
			}
			catch (java.net.SocketTimeoutException ex) {
				// still open: the server is waiting for this client to read
			}
			catch (IOException ex) {
				dropped.incrementAndGet();
			}
			answerBytes.addAndGet(total);
		}
		catch (IOException ex) {
			dropped.incrementAndGet();
		}
	}

	static int post(int port, String path, String key, String contentType, byte[] body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key + "\r\nContent-Type: "
					+ contentType + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// the server answered and closed before taking the whole body (413, 429)
			}
			return status(socket.getInputStream());
		}
	}

	static int status(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.write(b);
		}
		Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(line.toString(StandardCharsets.ISO_8859_1));
		return m.find() ? Integer.parseInt(m.group(1)) : -1;
	}

	static void get(HttpClient client, int port, String path, String key, Stats stats) {
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = client.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("X-API-Key", key)
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
			stats.add(response.statusCode(), System.nanoTime() - started);
		}
		catch (Exception ex) {
			stats.add(-1, System.nanoTime() - started);
		}
	}

	static void sampleHeap(int port, String key, AtomicBoolean running, AtomicLong max, AtomicLong limit) {
		HttpClient client = HttpClient.newHttpClient();
		Pattern used = Pattern.compile("^jvm_memory_used_bytes\\{.*area=\"heap\".*\\} (\\S+)$", Pattern.MULTILINE);
		Pattern maxPattern = Pattern.compile("^jvm_memory_max_bytes\\{.*area=\"heap\".*\\} (\\S+)$",
				Pattern.MULTILINE);
		while (running.get()) {
			try {
				String scrape = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
						+ "/actuator/prometheus")).header("X-API-Key", key).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString()).body();
				max.accumulateAndGet(sum(used.matcher(scrape)), Math::max);
				limit.set(Math.max(limit.get(), sum(maxPattern.matcher(scrape))));
			}
			catch (Exception ex) {
				// the next sample
			}
			sleep(1000);
		}
	}

	static long sum(Matcher m) {
		double total = 0;
		while (m.find()) {
			double value = Double.parseDouble(m.group(1));
			total += (value > 0) ? value : 0;
		}
		return (long) total;
	}

	static byte[] jsonBomb(int size) {
		byte[] body = new byte[size];
		body[0] = '[';
		int i = 1;
		while (i + 4 < size) {
			body[i++] = '{';
			body[i++] = '}';
			body[i++] = ',';
		}
		body[i++] = '{';
		body[i++] = '}';
		while (i < size - 1) {
			body[i++] = ' ';
		}
		body[size - 1] = ']';
		return body;
	}

	static long percentile(List<Long> values, int p) {
		if (values.isEmpty()) {
			return -1;
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class Stats {

		final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

		final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

		void add(int status, long nanos) {
			this.statuses.computeIfAbsent(status, (s) -> new AtomicLong()).incrementAndGet();
			if (nanos > 0) {
				this.latencies.add(nanos);
			}
		}

		long count() {
			return this.statuses.values().stream().mapToLong(AtomicLong::get).sum();
		}

		long errors() {
			return this.statuses.entrySet()
				.stream()
				.filter((e) -> e.getKey() != 200)
				.mapToLong((e) -> e.getValue().get())
				.sum();
		}

		@Override
		public String toString() {
			Map<Integer, Long> sorted = new TreeMap<>();
			this.statuses.forEach((status, count) -> sorted.put(status, count.get()));
			List<Long> snapshot;
			synchronized (this.latencies) {
				snapshot = new ArrayList<>(this.latencies);
			}
			return String.format("%d requests, statuses %s (-1: connection error), p50 %d ms, p99 %d ms, max %d ms",
					count(), sorted, percentile(snapshot, 50), percentile(snapshot, 99), percentile(snapshot, 100));
		}

	}

}
